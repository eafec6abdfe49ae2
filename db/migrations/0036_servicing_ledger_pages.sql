CREATE TABLE "servicing_ledger_pages" (
	"tenant_id" uuid NOT NULL,
	"account_reference" text NOT NULL,
	"page" integer NOT NULL,
	"entries" text NOT NULL,
	CONSTRAINT "servicing_ledger_pages_tenant_id_account_reference_page_pk" PRIMARY KEY("tenant_id","account_reference","page")
);
--> statement-breakpoint
ALTER TABLE "servicing_ledger_pages" ADD CONSTRAINT "servicing_ledger_pages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill: every complete page of the ledgers written so far (pages of 100 entries, LEDGER_PAGE_ENTRIES).
INSERT INTO "servicing_ledger_pages" ("tenant_id", "account_reference", "page", "entries")
  SELECT "tenant_id", "account_reference", "seq" / 100, string_agg("entry"::text, ', ' ORDER BY "seq")
  FROM "servicing_ledger_entries" GROUP BY "tenant_id", "account_reference", "seq" / 100 HAVING count(*) = 100;
