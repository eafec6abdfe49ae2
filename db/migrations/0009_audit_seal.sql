ALTER TABLE "audit_log" ADD COLUMN "tx_id" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_tenant_seq" ON "audit_log" USING btree ("tenant_id","seq") WHERE "audit_log"."seq" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_unsealed" ON "audit_log" USING btree ("tx_id","id") WHERE "audit_log"."seq" IS NULL;--> statement-breakpoint
CREATE INDEX "audit_log_sealed_order" ON "audit_log" USING btree ("tx_id","id") WHERE "audit_log"."seq" IS NOT NULL;