CREATE TABLE "servicing_ledger_expectations" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"expectation_reference" text NOT NULL,
	"source" text NOT NULL,
	"due_date" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_ledger_expectations_tenant_id_account_reference_expectation_reference_pk" PRIMARY KEY("tenant_id","account_reference","expectation_reference")
);
--> statement-breakpoint
CREATE TABLE "collections_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"account_reference" text NOT NULL,
	"claim_reference" text,
	"product_reference" text,
	"document_type" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_instalment_computations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"computed" jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_instalment_computations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_instalment_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"account_reference" text NOT NULL,
	"claim_references" jsonb NOT NULL,
	"status" text NOT NULL,
	"plan" jsonb NOT NULL,
	"standing" text NOT NULL,
	"baseline_outstanding" bigint NOT NULL,
	"missed_instalments" jsonb NOT NULL,
	"deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_instalment_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_mandates" (
	"tenant_id" uuid NOT NULL,
	"mandate_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"account_reference" text NOT NULL,
	"provider_name" text NOT NULL,
	"debtor_reference" text NOT NULL,
	"product_references" jsonb NOT NULL,
	"mandate_representation" jsonb,
	"client_ip_address" text,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "collections_mandates_tenant_id_mandate_id_pk" PRIMARY KEY("tenant_id","mandate_id")
);
--> statement-breakpoint
CREATE TABLE "collections_promises" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"account_reference" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"baseline_outstanding" bigint NOT NULL,
	"deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "collections_promises_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "servicing_ledger_expectations" ADD CONSTRAINT "servicing_ledger_expectations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_files" ADD CONSTRAINT "collections_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_instalment_computations" ADD CONSTRAINT "collections_instalment_computations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_instalment_plans" ADD CONSTRAINT "collections_instalment_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_mandates" ADD CONSTRAINT "collections_mandates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_promises" ADD CONSTRAINT "collections_promises_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_settings" ADD CONSTRAINT "collections_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "servicing_ledger_expectations_source" ON "servicing_ledger_expectations" USING btree ("tenant_id","source");--> statement-breakpoint
CREATE INDEX "collections_files_account" ON "collections_files" USING btree ("tenant_id","account_reference","created_at");--> statement-breakpoint
CREATE INDEX "collections_instalment_plans_account" ON "collections_instalment_plans" USING btree ("tenant_id","account_reference","seq");--> statement-breakpoint
CREATE INDEX "collections_instalment_plans_deadline" ON "collections_instalment_plans" USING btree ("deadline_at") WHERE "collections_instalment_plans"."deadline_at" is not null;--> statement-breakpoint
CREATE INDEX "collections_mandates_account" ON "collections_mandates" USING btree ("tenant_id","account_reference","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "collections_promises_open_claim" ON "collections_promises" USING btree ("tenant_id","claim_reference") WHERE "collections_promises"."status" = 'open';--> statement-breakpoint
CREATE INDEX "collections_promises_claim" ON "collections_promises" USING btree ("tenant_id","claim_reference","created_at");--> statement-breakpoint
CREATE INDEX "collections_promises_deadline" ON "collections_promises" USING btree ("deadline_at") WHERE "collections_promises"."deadline_at" is not null;