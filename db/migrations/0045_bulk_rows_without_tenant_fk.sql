ALTER TABLE "events" DROP CONSTRAINT "events_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "mail_messages" DROP CONSTRAINT "mail_messages_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "collections_messages" DROP CONSTRAINT "collections_messages_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "collections_run_events" DROP CONSTRAINT "collections_run_events_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "collections_landing_links" DROP CONSTRAINT "collections_landing_links_tenant_id_tenants_id_fk";
