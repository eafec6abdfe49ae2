DROP INDEX "nonpayment_case_letters_case";--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" DROP CONSTRAINT "nonpayment_case_letters_pkey";--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" ADD CONSTRAINT "nonpayment_case_letters_pkey" PRIMARY KEY("tenant_id","case_number","letter_number");
