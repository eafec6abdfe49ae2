CREATE TABLE "risk_buyer_numbers" (
	"buyer_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_buyer_numbers_buyer_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 11000001 CACHE 1),
	"country" text NOT NULL,
	"registry_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cover_customers" (
	"customer_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cover_customers_customer_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10000001 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cover_policies" (
	"policy_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cover_policies_policy_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 9000001 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"start_date" text NOT NULL,
	"expiry_date" text NOT NULL,
	"insured_percentage" integer NOT NULL,
	"discretionary_limit" bigint NOT NULL,
	"max_extension_days" integer NOT NULL,
	"credit_check_amount" bigint NOT NULL,
	"auto_decision_max" bigint NOT NULL,
	"allowed_buyer_countries" text[],
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cover_versions" (
	"cover_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cover_versions_cover_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 40000001 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"policy_id" bigint NOT NULL,
	"buyer_id" bigint NOT NULL,
	"buyer_country" text NOT NULL,
	"buyer_registry_id" text NOT NULL,
	"book_id" uuid NOT NULL,
	"cover_type" text NOT NULL,
	"cover_status" text NOT NULL,
	"decision_code" text,
	"neutral_code" text NOT NULL,
	"historic_code" text,
	"pending_process" text,
	"pending_effective_date" text,
	"pending_amount" bigint,
	"customer_ref_number" text,
	"currency" text NOT NULL,
	"requested_amount" bigint NOT NULL,
	"first_amount" bigint DEFAULT 0 NOT NULL,
	"second_amount" bigint DEFAULT 0 NOT NULL,
	"second_expiry_date" text,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"referral_reason" text,
	"buyer_rating_at_application" integer NOT NULL,
	"notes" text,
	"application_date" timestamp with time zone NOT NULL,
	"decision_date" timestamp with time zone,
	"listed_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(decision_date, application_date)) STORED,
	"effect_from_date" text NOT NULL,
	"effective_to_date" text,
	"withdrawal_date" text,
	"ended_at" timestamp with time zone,
	"exposure_held" bigint DEFAULT 0 NOT NULL,
	"deadline_at" timestamp with time zone,
	"open_supersede" boolean DEFAULT false NOT NULL,
	"previous_cover_id" bigint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cover_customers" ADD CONSTRAINT "cover_customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_policies" ADD CONSTRAINT "cover_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_policies" ADD CONSTRAINT "cover_policies_customer_id_cover_customers_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."cover_customers"("customer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_versions" ADD CONSTRAINT "cover_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cover_versions" ADD CONSTRAINT "cover_versions_policy_id_cover_policies_policy_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."cover_policies"("policy_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_buyer_numbers_identifier" ON "risk_buyer_numbers" USING btree ("country","registry_id");--> statement-breakpoint
CREATE INDEX "cover_customers_tenant" ON "cover_customers" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cover_customers_one_demo" ON "cover_customers" USING btree ("tenant_id") WHERE "cover_customers"."demo";--> statement-breakpoint
CREATE INDEX "cover_policies_customer" ON "cover_policies" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cover_versions_live_position" ON "cover_versions" USING btree ("tenant_id","policy_id","buyer_id") WHERE "cover_versions"."historic_code" is null and not "cover_versions"."open_supersede";--> statement-breakpoint
CREATE UNIQUE INDEX "cover_versions_open_supersede" ON "cover_versions" USING btree ("tenant_id","policy_id","buyer_id") WHERE "cover_versions"."historic_code" is null and "cover_versions"."open_supersede";--> statement-breakpoint
CREATE INDEX "cover_versions_policy" ON "cover_versions" USING btree ("tenant_id","policy_id","cover_id");--> statement-breakpoint
CREATE INDEX "cover_versions_customer" ON "cover_versions" USING btree ("tenant_id","customer_id","cover_id");--> statement-breakpoint
CREATE INDEX "cover_versions_live_policy" ON "cover_versions" USING btree ("tenant_id","policy_id","cover_id") WHERE "cover_versions"."historic_code" is null;--> statement-breakpoint
CREATE INDEX "cover_versions_live_customer" ON "cover_versions" USING btree ("tenant_id","customer_id","cover_id") WHERE "cover_versions"."historic_code" is null;--> statement-breakpoint
CREATE INDEX "cover_versions_listed_policy" ON "cover_versions" USING btree ("tenant_id","policy_id","listed_at" DESC NULLS LAST,"cover_id" DESC NULLS LAST) WHERE "cover_versions"."historic_code" is null;--> statement-breakpoint
CREATE INDEX "cover_versions_listed_customer" ON "cover_versions" USING btree ("tenant_id","customer_id","listed_at" DESC NULLS LAST,"cover_id" DESC NULLS LAST) WHERE "cover_versions"."historic_code" is null;--> statement-breakpoint
CREATE INDEX "cover_versions_referred" ON "cover_versions" USING btree ("tenant_id","application_date") WHERE "cover_versions"."cover_status" = 'REFERRED' and "cover_versions"."historic_code" is null;--> statement-breakpoint
CREATE INDEX "cover_versions_deadline" ON "cover_versions" USING btree ("deadline_at") WHERE "cover_versions"."deadline_at" is not null;--> statement-breakpoint
-- Registry buyers known when the migration runs (the demo set) get their numbers in a fixed order.
INSERT INTO "risk_buyer_numbers" ("country", "registry_id") SELECT "country", "registry_id" FROM "risk_buyers" ORDER BY "country", "registry_id";
