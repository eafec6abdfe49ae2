CREATE TABLE "risk_buyers" (
	"country" text NOT NULL,
	"registry_id" text NOT NULL,
	"name" text NOT NULL,
	"rating" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_buyers_country_registry_id_pk" PRIMARY KEY("country","registry_id")
);
--> statement-breakpoint
CREATE TABLE "risk_exposure" (
	"book_id" uuid NOT NULL,
	"country" text NOT NULL,
	"registry_id" text NOT NULL,
	"exposure" bigint DEFAULT 0 NOT NULL,
	"open_claims" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "risk_exposure_book_id_country_registry_id_pk" PRIMARY KEY("book_id","country","registry_id")
);
--> statement-breakpoint
CREATE TABLE "insurance_policy_signatures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seller_country" text NOT NULL,
	"seller_identifier" text NOT NULL,
	"policy_version" text NOT NULL,
	"quote_id" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insurance_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"product" text NOT NULL,
	"book_id" uuid NOT NULL,
	"user_reference" text NOT NULL,
	"seller_reference" text NOT NULL,
	"seller_identifier" text NOT NULL,
	"seller_country" text NOT NULL,
	"buyer_reference" text NOT NULL,
	"buyer_identifier" text NOT NULL,
	"buyer_country" text NOT NULL,
	"invoice_reference" text NOT NULL,
	"invoice_amount" bigint NOT NULL,
	"invoice_currency" text NOT NULL,
	"invoice_issue_date" text NOT NULL,
	"invoice_due_date" text NOT NULL,
	"premium_amount" bigint,
	"premium_currency" text,
	"suggested_premium" bigint,
	"status" text NOT NULL,
	"reason" text,
	"referred" boolean DEFAULT false NOT NULL,
	"underwriting_rule" text,
	"exposure_held" bigint DEFAULT 0 NOT NULL,
	"claim_kind" text,
	"bankruptcy_date" text,
	"claim_comment" text,
	"claim_decision_reason" text,
	"signer_email" text,
	"signer_first_name" text,
	"signer_last_name" text,
	"offered_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insurance_policy_signatures" ADD CONSTRAINT "insurance_policy_signatures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_quotes" ADD CONSTRAINT "insurance_quotes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_policy_signatures_seller" ON "insurance_policy_signatures" USING btree ("tenant_id","seller_country","seller_identifier","policy_version");--> statement-breakpoint
CREATE INDEX "insurance_quotes_deadline" ON "insurance_quotes" USING btree ("deadline_at") WHERE "insurance_quotes"."deadline_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_quotes_live_invoice" ON "insurance_quotes" USING btree ("tenant_id","product","invoice_reference") WHERE "insurance_quotes"."status" in ('quote.pending', 'quote.offered', 'activation.pending', 'cover.activated', 'claim.pending');--> statement-breakpoint
CREATE INDEX "insurance_quotes_tenant_status" ON "insurance_quotes" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "insurance_quotes_buyer" ON "insurance_quotes" USING btree ("book_id","buyer_country","buyer_identifier");--> statement-breakpoint
-- Demo buyer set (src/risk/demo-buyers.ts); kept in sync by test/insurance/buyers.test.ts
INSERT INTO "risk_buyers" ("country", "registry_id", "name", "rating") VALUES
  ('SE', '5567104046', 'Exempel Grossist AB', 4),
  ('SE', '5591293013', 'Hello Credable Handel AB', 3),
  ('SE', '5567549125', 'Fakturaverket Sverige AB', 2),
  ('SE', '5568123458', 'Nordljus Bygg AB', 6),
  ('SE', '5569345670', 'Konkursbo Trähus AB', 10),
  ('NO', '987654325', 'Fjordlaks Eksport AS', 3),
  ('DK', '35123458', 'Havnefront Logistik ApS', 5),
  ('DK', '29876541', 'Bornholm Mejeri A/S', 8),
  ('FI', '2345678-0', 'Revontuli Teknologia Oy', 1),
  ('GB', '09446231', 'Thames Components Ltd', 4)
ON CONFLICT DO NOTHING;
