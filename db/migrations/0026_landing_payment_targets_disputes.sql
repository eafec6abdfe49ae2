CREATE TABLE "servicing_payment_targets" (
	"tenant_id" uuid NOT NULL,
	"payment_reference" text NOT NULL,
	"account_reference" text NOT NULL,
	"invoice_references" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_payment_targets_tenant_id_payment_reference_pk" PRIMARY KEY("tenant_id","payment_reference")
);
--> statement-breakpoint
CREATE TABLE "collections_landing_disputes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"account_reference" text,
	"reason" text NOT NULL,
	"file_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_landing_disputes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "servicing_payment_targets" ADD CONSTRAINT "servicing_payment_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_landing_disputes" ADD CONSTRAINT "collections_landing_disputes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collections_landing_disputes_claim" ON "collections_landing_disputes" USING btree ("tenant_id","claim_reference") WHERE "collections_landing_disputes"."status" = 'open';