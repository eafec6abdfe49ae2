-- Stored messages (.eml, 2-4 kB each, one per e-mail, SMS and letter) compress with lz4 where the server has it
-- (PostgreSQL 14+ built with lz4): several times cheaper than the default pglz to write and to read back, for about
-- the same size. PGlite has no lz4 and keeps pglz.
DO $$
BEGIN
  ALTER TABLE "mail_messages" ALTER COLUMN "eml" SET COMPRESSION lz4;
  ALTER TABLE "collections_messages" ALTER COLUMN "eml" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
