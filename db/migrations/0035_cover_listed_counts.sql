CREATE TABLE "cover_listed_counts" (
	"tenant_id" uuid NOT NULL,
	"policy_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"span" integer NOT NULL,
	"bucket" bigint NOT NULL,
	"live" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cover_listed_counts_policy" ON "cover_listed_counts" USING btree ("tenant_id","policy_id","span","bucket");--> statement-breakpoint
CREATE INDEX "cover_listed_counts_customer" ON "cover_listed_counts" USING btree ("tenant_id","customer_id","span","bucket");--> statement-breakpoint
-- As cover_live_counts (migration 0011): folds delete rows as fast as writes add them.
ALTER TABLE "cover_listed_counts" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);--> statement-breakpoint
-- The same trigger now keeps both counts: cover_live_counts by bucket of coverIds (cover_id >> 10, migration 0031) and
-- cover_listed_counts by bucket of listing time at two spans (floor(epoch of listed_at) >> 10 and >> 20,
-- LISTED_FINE_BITS and LISTED_COARSE_BITS in src/cover/store.ts). A version counts while it has no historic code;
-- each change appends −1 rows for where it was counted and +1 rows for where it is counted now (none when it stays
-- in the same buckets). listed_at is coalesce(decision_date, application_date) and application_date is NOT NULL.
CREATE OR REPLACE FUNCTION "cover_live_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_live boolean := false;
  new_live boolean := false;
  old_ids bigint;
  new_ids bigint;
  old_second bigint;
  new_second bigint;
  moved boolean := true;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_live := OLD.historic_code IS NULL;
    old_ids := OLD.cover_id >> 10;
    old_second := floor(extract(epoch FROM OLD.listed_at))::bigint;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_live := NEW.historic_code IS NULL;
    new_ids := NEW.cover_id >> 10;
    new_second := floor(extract(epoch FROM NEW.listed_at))::bigint;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    moved := old_live <> new_live OR (OLD.tenant_id, OLD.policy_id, OLD.customer_id) IS DISTINCT FROM (NEW.tenant_id, NEW.policy_id, NEW.customer_id);
  END IF;
  IF moved OR old_ids IS DISTINCT FROM new_ids THEN
    IF old_live THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (OLD.tenant_id, OLD.policy_id, OLD.customer_id, old_ids, -1);
    END IF;
    IF new_live THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (NEW.tenant_id, NEW.policy_id, NEW.customer_id, new_ids, 1);
    END IF;
  END IF;
  IF moved OR (old_second >> 10) IS DISTINCT FROM (new_second >> 10) THEN
    IF old_live THEN
      INSERT INTO cover_listed_counts (tenant_id, policy_id, customer_id, span, bucket, live) VALUES
        (OLD.tenant_id, OLD.policy_id, OLD.customer_id, 10, old_second >> 10, -1), (OLD.tenant_id, OLD.policy_id, OLD.customer_id, 20, old_second >> 20, -1);
    END IF;
    IF new_live THEN
      INSERT INTO cover_listed_counts (tenant_id, policy_id, customer_id, span, bucket, live) VALUES
        (NEW.tenant_id, NEW.policy_id, NEW.customer_id, 10, new_second >> 10, 1), (NEW.tenant_id, NEW.policy_id, NEW.customer_id, 20, new_second >> 20, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "cover_versions_live_count" ON "cover_versions";--> statement-breakpoint
CREATE TRIGGER "cover_versions_live_count" AFTER INSERT OR DELETE
  OR UPDATE OF "historic_code", "tenant_id", "policy_id", "customer_id", "cover_id", "decision_date", "application_date" ON "cover_versions"
  FOR EACH ROW EXECUTE FUNCTION "cover_live_count_change"();--> statement-breakpoint
-- Versions live before this migration.
INSERT INTO "cover_listed_counts" ("tenant_id", "policy_id", "customer_id", "span", "bucket", "live")
  SELECT "tenant_id", "policy_id", "customer_id", s.span, floor(extract(epoch FROM "listed_at"))::bigint >> s.span, count(*)
  FROM "cover_versions", (VALUES (10), (20)) AS s(span) WHERE "historic_code" IS NULL GROUP BY 1, 2, 3, 4, 5;
