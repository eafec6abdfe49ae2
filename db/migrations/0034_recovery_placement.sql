ALTER TABLE "servicing_claims" ADD COLUMN "placed_principal" bigint;--> statement-breakpoint
ALTER TABLE "servicing_claims" ADD COLUMN "placed_currency" text;--> statement-breakpoint
ALTER TABLE "servicing_ledger_settlements" ADD COLUMN "placed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "servicing_ledger_settlements" ADD COLUMN "currency" text;--> statement-breakpoint
UPDATE "servicing_claims" cl SET "placed_principal" = (e."entry"->'invoiceDetails'->>'amount')::bigint, "placed_currency" = a."currency"
  FROM "servicing_ledger_entries" e, "servicing_accounts" a
  WHERE cl."managed" AND e."tenant_id" = cl."tenant_id" AND e."account_reference" = cl."account_reference"
    AND e."ledger_entry_reference" = coalesce(cl."data"->>'ledgerEntryReference', cl."claim_reference") AND e."entry" ? 'invoiceDetails'
    AND a."tenant_id" = cl."tenant_id" AND a."account_reference" = cl."account_reference";--> statement-breakpoint
UPDATE "servicing_ledger_settlements" s SET "currency" = a."currency" FROM "servicing_accounts" a
  WHERE a."tenant_id" = s."tenant_id" AND a."account_reference" = s."account_reference";--> statement-breakpoint
UPDATE "servicing_ledger_settlements" s SET "placed_at" = cl."created_at" FROM "servicing_claims" cl
  WHERE cl."managed" AND cl."tenant_id" = s."tenant_id" AND cl."account_reference" = s."account_reference"
    AND coalesce(cl."data"->>'ledgerEntryReference', cl."claim_reference") = s."item_reference";
