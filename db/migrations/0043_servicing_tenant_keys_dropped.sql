ALTER TABLE "servicing_account_debtors" DROP CONSTRAINT "servicing_account_debtors_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_claims" DROP CONSTRAINT "servicing_claims_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_ledger_entries" DROP CONSTRAINT "servicing_ledger_entries_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_ledger_expectations" DROP CONSTRAINT "servicing_ledger_expectations_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_ledger_items" DROP CONSTRAINT "servicing_ledger_items_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_ledger_pages" DROP CONSTRAINT "servicing_ledger_pages_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_ledger_settlements" DROP CONSTRAINT "servicing_ledger_settlements_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_payment_targets" DROP CONSTRAINT "servicing_payment_targets_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "servicing_trigger_executions" DROP CONSTRAINT "servicing_trigger_executions_tenant_id_tenants_id_fk";
