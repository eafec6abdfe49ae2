ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_cases" DROP CONSTRAINT "nonpayment_cases_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" DROP CONSTRAINT "nonpayment_case_notes_case_number_nonpayment_cases_case_number_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" DROP CONSTRAINT "nonpayment_case_transactions_case_number_nonpayment_cases_case_number_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" DROP CONSTRAINT "nonpayment_case_letters_case_number_nonpayment_cases_case_number_fk";
