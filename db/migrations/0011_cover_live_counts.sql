CREATE TABLE "cover_live_counts" (
	"tenant_id" uuid NOT NULL,
	"policy_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"live" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cover_live_counts_policy" ON "cover_live_counts" USING btree ("tenant_id","policy_id");--> statement-breakpoint
CREATE INDEX "cover_live_counts_customer" ON "cover_live_counts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
-- Folding deletes rows as fast as applications add them; a count walks the dead ones until vacuum removes them, so
-- vacuum this small table after every thousand, not after a fifth of it as the default says.
ALTER TABLE "cover_live_counts" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);--> statement-breakpoint
-- A version counts while it has no historic code. Each change appends a row (−1 for the old key, +1 for the new)
-- instead of updating one counter, so concurrent applications on one policy do not queue on a counter row.
CREATE FUNCTION "cover_live_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, live) VALUES (NEW.tenant_id, NEW.policy_id, NEW.customer_id, 1);
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, live) VALUES (OLD.tenant_id, OLD.policy_id, OLD.customer_id, -1);
    END IF;
  ELSIF (OLD.historic_code IS NULL) IS DISTINCT FROM (NEW.historic_code IS NULL)
     OR (OLD.tenant_id, OLD.policy_id, OLD.customer_id) IS DISTINCT FROM (NEW.tenant_id, NEW.policy_id, NEW.customer_id) THEN
    IF OLD.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, live) VALUES (OLD.tenant_id, OLD.policy_id, OLD.customer_id, -1);
    END IF;
    IF NEW.historic_code IS NULL THEN
      INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, live) VALUES (NEW.tenant_id, NEW.policy_id, NEW.customer_id, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "cover_versions_live_count" AFTER INSERT OR DELETE OR UPDATE OF "historic_code", "tenant_id", "policy_id", "customer_id" ON "cover_versions"
  FOR EACH ROW EXECUTE FUNCTION "cover_live_count_change"();--> statement-breakpoint
-- Versions live before this migration.
INSERT INTO "cover_live_counts" ("tenant_id", "policy_id", "customer_id", "live")
  SELECT "tenant_id", "policy_id", "customer_id", count(*) FROM "cover_versions" WHERE "historic_code" IS NULL GROUP BY 1, 2, 3;
