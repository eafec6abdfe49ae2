ALTER TABLE "nonpayment_case_events" DROP CONSTRAINT "nonpayment_case_events_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_claim_holds" DROP CONSTRAINT "nonpayment_claim_holds_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" DROP CONSTRAINT "nonpayment_case_notes_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_recoveries" DROP CONSTRAINT "nonpayment_recoveries_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" DROP CONSTRAINT "nonpayment_case_transactions_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" DROP CONSTRAINT "nonpayment_case_letters_tenant_id_tenants_id_fk";
--> statement-breakpoint
DROP INDEX "nonpayment_case_events_case";--> statement-breakpoint
DROP INDEX "nonpayment_case_notes_case";--> statement-breakpoint
DROP INDEX "nonpayment_case_transactions_case";--> statement-breakpoint
ALTER TABLE "nonpayment_case_events" DROP CONSTRAINT "nonpayment_case_events_pkey";--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" DROP CONSTRAINT "nonpayment_case_notes_pkey";--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" DROP CONSTRAINT "nonpayment_case_transactions_pkey";--> statement-breakpoint
ALTER TABLE "nonpayment_case_events" ADD CONSTRAINT "nonpayment_case_events_pkey" PRIMARY KEY("tenant_id","case_number","event_number");--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" ADD CONSTRAINT "nonpayment_case_notes_pkey" PRIMARY KEY("tenant_id","case_number","note_number");--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" ADD CONSTRAINT "nonpayment_case_transactions_pkey" PRIMARY KEY("tenant_id","case_number","transaction_number");