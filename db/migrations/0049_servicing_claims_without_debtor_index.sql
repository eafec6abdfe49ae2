INSERT INTO "servicing_account_debtors" ("tenant_id", "debtor_reference", "account_reference")
  SELECT DISTINCT "tenant_id", "debtor_reference", "account_reference" FROM "servicing_claims"
  WHERE "debtor_reference" IS NOT NULL AND "account_reference" IS NOT NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX "servicing_claims_debtor";
