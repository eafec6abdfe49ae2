CREATE TABLE "servicing_ledger_items" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"ledger_entry_reference" text NOT NULL,
	"kind" text NOT NULL,
	"source_type" text NOT NULL,
	"invoice_reference" text,
	"fee_type" text,
	"product_reference" text,
	"created_at_ms" bigint NOT NULL,
	"sequence" integer NOT NULL,
	"open_amount" bigint NOT NULL,
	"due_date" text,
	"due_created_at_ms" bigint,
	"due_sequence" integer,
	CONSTRAINT "servicing_ledger_items_tenant_id_account_reference_ledger_entry_reference_pk" PRIMARY KEY("tenant_id","account_reference","ledger_entry_reference")
);
--> statement-breakpoint
CREATE TABLE "servicing_ledger_settlements" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"payment_reference" text NOT NULL,
	"position" integer NOT NULL,
	"item_reference" text,
	"amount" bigint NOT NULL,
	CONSTRAINT "servicing_ledger_settlements_tenant_id_account_reference_payment_reference_position_pk" PRIMARY KEY("tenant_id","account_reference","payment_reference","position")
);
--> statement-breakpoint
ALTER TABLE "servicing_accounts" ADD COLUMN "ledger_credit" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "servicing_accounts" ADD COLUMN "ledger_state_built" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "servicing_ledger_items" ADD CONSTRAINT "servicing_ledger_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_ledger_settlements" ADD CONSTRAINT "servicing_ledger_settlements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "servicing_ledger_items_invoice" ON "servicing_ledger_items" USING btree ("tenant_id","account_reference","invoice_reference") WHERE "servicing_ledger_items"."invoice_reference" is not null;--> statement-breakpoint
CREATE INDEX "servicing_ledger_items_open" ON "servicing_ledger_items" USING btree ("tenant_id","account_reference") WHERE "servicing_ledger_items"."open_amount" > 0;--> statement-breakpoint
CREATE INDEX "servicing_ledger_entries_chargeback_target" ON "servicing_ledger_entries" USING btree ("tenant_id","account_reference",("entry"->'context'->>'ledgerEntryReference')) WHERE "servicing_ledger_entries"."entry" ? 'chargebackDetails';