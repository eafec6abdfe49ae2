DROP INDEX "collections_run_events_claim";--> statement-breakpoint
DROP INDEX "collections_landing_links_claim";--> statement-breakpoint
ALTER TABLE "collections_run_events" DROP CONSTRAINT "collections_run_events_tenant_id_id_pk";--> statement-breakpoint
ALTER TABLE "collections_landing_links" DROP CONSTRAINT "collections_landing_links_tenant_id_id_pk";--> statement-breakpoint
ALTER TABLE "collections_run_events" ADD CONSTRAINT "collections_run_events_tenant_id_claim_reference_id_pk" PRIMARY KEY("tenant_id","claim_reference","id");--> statement-breakpoint
ALTER TABLE "collections_landing_links" ADD CONSTRAINT "collections_landing_links_tenant_id_claim_reference_id_pk" PRIMARY KEY("tenant_id","claim_reference","id");