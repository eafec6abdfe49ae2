ALTER TABLE "servicing_ledger_settlements" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
UPDATE "servicing_ledger_settlements" s SET "paid_at" = p."created_at" FROM "servicing_ledger_entries" p
  WHERE p."tenant_id" = s."tenant_id" AND p."account_reference" = s."account_reference" AND p."ledger_entry_reference" = s."payment_reference";--> statement-breakpoint
ALTER TABLE "servicing_ledger_settlements" ALTER COLUMN "paid_at" SET NOT NULL;
