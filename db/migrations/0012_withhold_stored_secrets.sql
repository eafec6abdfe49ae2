-- Idempotency records written before shown-once secrets were withheld hold them in clear: set each secret field of
-- such a stored answer to null, as records are written now (platform/http/shown-once.ts), so the table never keeps
-- a secret outside its hashed form. Only top-level string values of those fields are touched.
UPDATE "idempotency_keys" SET "response_body" = (
  SELECT jsonb_object_agg(e.key, CASE
    WHEN e.key IN ('signingSecret', 'apiKey', 'authorization', 'clientSecret', 'apiClientSecret', 'appKey')
      AND jsonb_typeof(e.value) = 'string' THEN 'null'::jsonb
    ELSE e.value END)::text
  FROM jsonb_each("response_body"::jsonb) AS e
)
WHERE "response_content_type" LIKE 'application/json%'
  AND "response_body" ~ '"(signingSecret|apiKey|authorization|clientSecret|apiClientSecret|appKey)":"'
  AND left(ltrim("response_body"), 1) = '{';
