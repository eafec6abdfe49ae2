-- Raised by a single-statement write whose compare-and-set found a row changed since its unlocked read (see
-- fastWriteAll's `expectRows`, src/platform/db/fast-query.ts): SQLSTATE 40001 fails the whole statement, so nothing
-- of it is written, and the caller runs the request again as a transaction. Used in a CASE that is only reached on
-- a lost compare-and-set; declared to return an integer so that it fits where the statement's result column is.
CREATE OR REPLACE FUNCTION "concurrent_change"("what" text) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'concurrent change: %', what USING ERRCODE = '40001';
END
$$;
