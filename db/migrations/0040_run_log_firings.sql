DROP INDEX "collections_run_events_debtor_sends";--> statement-breakpoint
ALTER TABLE "collections_run_events" ADD COLUMN "entries" jsonb;--> statement-breakpoint
CREATE INDEX "collections_run_events_debtor_sends" ON "collections_run_events" USING btree ("tenant_id","debtor_key","at") WHERE "collections_run_events"."debtor_key" is not null;