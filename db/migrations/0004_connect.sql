CREATE TABLE "connect_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"quote_request_id" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"due_date" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connect_quote_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"book_id" uuid NOT NULL,
	"seller_identifier" text NOT NULL,
	"seller_country" text NOT NULL,
	"seller_email" text NOT NULL,
	"seller_language" text,
	"language" text NOT NULL,
	"seller_first_name" text,
	"seller_last_name" text,
	"buyer_identifier" text NOT NULL,
	"buyer_country" text NOT NULL,
	"invoice_amount" bigint NOT NULL,
	"invoice_currency" text NOT NULL,
	"invoice_payment_terms" integer NOT NULL,
	"invoice_number" text,
	"invoice_issue_date" text,
	"invoice_due_date" text,
	"invoice_reference" text,
	"discount_code" text,
	"discount_percent" text,
	"new_user" boolean NOT NULL,
	"status" text NOT NULL,
	"decline_rule" text,
	"premium_amount" bigint,
	"premium_currency" text,
	"exposure_held" bigint DEFAULT 0 NOT NULL,
	"purchase_token_hash" text,
	"priced_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"purchased_at" timestamp with time zone,
	"cover_from" text,
	"cover_to" text,
	"closed_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connect_sellers" (
	"tenant_id" uuid NOT NULL,
	"seller_country" text NOT NULL,
	"seller_identifier" text NOT NULL,
	"representative_name" text NOT NULL,
	"personal_number" text NOT NULL,
	"email" text NOT NULL,
	"authority_confirmed" boolean NOT NULL,
	"quote_request_id" text NOT NULL,
	"ip" text,
	"kyc_completed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connect_sellers_tenant_id_seller_country_seller_identifier_pk" PRIMARY KEY("tenant_id","seller_country","seller_identifier")
);
--> statement-breakpoint
ALTER TABLE "connect_payments" ADD CONSTRAINT "connect_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_quote_requests" ADD CONSTRAINT "connect_quote_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_sellers" ADD CONSTRAINT "connect_sellers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connect_payments_quote_request" ON "connect_payments" USING btree ("quote_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connect_quote_requests_token" ON "connect_quote_requests" USING btree ("purchase_token_hash") WHERE "connect_quote_requests"."purchase_token_hash" is not null;--> statement-breakpoint
CREATE INDEX "connect_quote_requests_deadline" ON "connect_quote_requests" USING btree ("deadline_at") WHERE "connect_quote_requests"."deadline_at" is not null;--> statement-breakpoint
CREATE INDEX "connect_quote_requests_seller" ON "connect_quote_requests" USING btree ("tenant_id","seller_country","seller_identifier");