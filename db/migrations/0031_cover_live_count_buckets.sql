DROP INDEX "cover_live_counts_policy";--> statement-breakpoint
DROP INDEX "cover_live_counts_customer";--> statement-breakpoint
-- The counts are rebuilt below, one row per (policy, customer, bucket of 1024 coverIds).
DELETE FROM "cover_live_counts";--> statement-breakpoint
ALTER TABLE "cover_live_counts" ADD COLUMN "bucket" bigint NOT NULL;--> statement-breakpoint
CREATE INDEX "cover_live_counts_policy" ON "cover_live_counts" USING btree ("tenant_id","policy_id","bucket");--> statement-breakpoint
CREATE INDEX "cover_live_counts_customer" ON "cover_live_counts" USING btree ("tenant_id","customer_id","bucket");--> statement-breakpoint
-- As in 0011, each row now in the bucket of the version's coverId (cover_id >> 10, COVER_ID_BUCKET_BITS in
-- src/cover/store.ts), so the running sum over the buckets places an offset page in a range of coverIds.
CREATE OR REPLACE FUNCTION "cover_live_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (NEW.tenant_id, NEW.policy_id, NEW.customer_id, NEW.cover_id >> 10, 1);
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (OLD.tenant_id, OLD.policy_id, OLD.customer_id, OLD.cover_id >> 10, -1);
    END IF;
  ELSIF (OLD.historic_code IS NULL) IS DISTINCT FROM (NEW.historic_code IS NULL)
     OR (OLD.tenant_id, OLD.policy_id, OLD.customer_id, OLD.cover_id) IS DISTINCT FROM (NEW.tenant_id, NEW.policy_id, NEW.customer_id, NEW.cover_id) THEN
    IF OLD.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (OLD.tenant_id, OLD.policy_id, OLD.customer_id, OLD.cover_id >> 10, -1);
    END IF;
    IF NEW.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES (NEW.tenant_id, NEW.policy_id, NEW.customer_id, NEW.cover_id >> 10, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "cover_versions_live_count" ON "cover_versions";--> statement-breakpoint
CREATE TRIGGER "cover_versions_live_count" AFTER INSERT OR DELETE OR UPDATE OF "historic_code", "tenant_id", "policy_id", "customer_id", "cover_id" ON "cover_versions"
  FOR EACH ROW EXECUTE FUNCTION "cover_live_count_change"();--> statement-breakpoint
INSERT INTO "cover_live_counts" ("tenant_id", "policy_id", "customer_id", "bucket", "live")
  SELECT "tenant_id", "policy_id", "customer_id", "cover_id" >> 10, count(*) FROM "cover_versions" WHERE "historic_code" IS NULL GROUP BY 1, 2, 3, 4;
