CREATE TABLE "collections_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"account_reference" text,
	"run_id" text,
	"step_id" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"channel" text NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"recipient" text NOT NULL,
	"eml" text,
	"mail_message_id" uuid,
	"fallbacks" jsonb NOT NULL,
	"skipped" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"failure" text,
	"fallback_of" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_template_versions" (
	"tenant_id" uuid NOT NULL,
	"template_id" text NOT NULL,
	"language" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_template_versions_tenant_id_template_id_language_version_pk" PRIMARY KEY("tenant_id","template_id","language","version")
);
--> statement-breakpoint
ALTER TABLE "collections_messages" ADD CONSTRAINT "collections_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_template_versions" ADD CONSTRAINT "collections_template_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collections_messages_claim" ON "collections_messages" USING btree ("tenant_id","claim_reference","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "collections_messages_run_step" ON "collections_messages" USING btree ("tenant_id","run_id","step_id","attempt") WHERE "collections_messages"."run_id" is not null;