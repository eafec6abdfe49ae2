CREATE TABLE "servicing_account_debtors" (
	"tenant_id" uuid NOT NULL,
	"debtor_reference" text NOT NULL,
	"account_reference" text NOT NULL,
	CONSTRAINT "servicing_account_debtors_tenant_id_debtor_reference_account_reference_pk" PRIMARY KEY("tenant_id","debtor_reference","account_reference")
);
--> statement-breakpoint
CREATE TABLE "servicing_accounts" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"currency" text NOT NULL,
	"payment_reference" text,
	"portfolio_reference" text,
	"meta" jsonb,
	"scores" jsonb NOT NULL,
	"debtors" jsonb NOT NULL,
	"products" jsonb NOT NULL,
	"ledger_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_accounts_tenant_id_account_reference_pk" PRIMARY KEY("tenant_id","account_reference")
);
--> statement-breakpoint
CREATE TABLE "servicing_async_requests" (
	"tenant_id" uuid NOT NULL,
	"job_id" text NOT NULL,
	"operation" text NOT NULL,
	"result" jsonb,
	"processed_at" timestamp with time zone NOT NULL,
	"duration_ms" bigint,
	CONSTRAINT "servicing_async_requests_tenant_id_job_id_pk" PRIMARY KEY("tenant_id","job_id")
);
--> statement-breakpoint
CREATE TABLE "servicing_claims" (
	"tenant_id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"account_reference" text,
	"managed" boolean NOT NULL,
	"status" text NOT NULL,
	"resolution_reason" text,
	"explicit_resolution" text,
	"link_group_id" uuid,
	"debtor_reference" text,
	"receeve_claim_ref" text NOT NULL,
	"data" jsonb NOT NULL,
	"seq" bigserial NOT NULL,
	"journey" text DEFAULT 'RUNNING' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_claims_tenant_id_claim_reference_pk" PRIMARY KEY("tenant_id","claim_reference")
);
--> statement-breakpoint
CREATE TABLE "servicing_ledger_entries" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"seq" integer NOT NULL,
	"ledger_entry_reference" text NOT NULL,
	"entry" jsonb NOT NULL,
	"created_at_ms" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_ledger_entries_tenant_id_account_reference_seq_pk" PRIMARY KEY("tenant_id","account_reference","seq")
);
--> statement-breakpoint
CREATE TABLE "servicing_trigger_executions" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"claim_reference" text NOT NULL,
	"trigger_name" text NOT NULL,
	"operation" text NOT NULL,
	"request_id" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "servicing_trigger_executions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "servicing_account_debtors" ADD CONSTRAINT "servicing_account_debtors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_accounts" ADD CONSTRAINT "servicing_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_async_requests" ADD CONSTRAINT "servicing_async_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_claims" ADD CONSTRAINT "servicing_claims_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_ledger_entries" ADD CONSTRAINT "servicing_ledger_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_trigger_executions" ADD CONSTRAINT "servicing_trigger_executions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "servicing_claims_account" ON "servicing_claims" USING btree ("tenant_id","account_reference","seq");--> statement-breakpoint
CREATE INDEX "servicing_claims_debtor" ON "servicing_claims" USING btree ("tenant_id","debtor_reference") WHERE "servicing_claims"."debtor_reference" is not null;--> statement-breakpoint
CREATE INDEX "servicing_claims_link_group" ON "servicing_claims" USING btree ("tenant_id","link_group_id") WHERE "servicing_claims"."link_group_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "servicing_ledger_entries_ref" ON "servicing_ledger_entries" USING btree ("tenant_id","account_reference","ledger_entry_reference");--> statement-breakpoint
CREATE INDEX "servicing_trigger_executions_claim" ON "servicing_trigger_executions" USING btree ("tenant_id","claim_reference");