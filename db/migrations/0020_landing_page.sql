CREATE TABLE "collections_landing_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"claim_reference" text NOT NULL,
	"account_reference" text,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	CONSTRAINT "collections_landing_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_landing_payees" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"beneficiary_name" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collections_landing_payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"link_id" uuid NOT NULL,
	"account_reference" text,
	"claim_references" jsonb NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_landing_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_landing_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"session_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_landing_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_landing_visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"verified" boolean NOT NULL,
	"user_agent" text,
	CONSTRAINT "collections_landing_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "collections_landing_links" ADD CONSTRAINT "collections_landing_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_landing_payees" ADD CONSTRAINT "collections_landing_payees_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_landing_payments" ADD CONSTRAINT "collections_landing_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_landing_sessions" ADD CONSTRAINT "collections_landing_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_landing_visits" ADD CONSTRAINT "collections_landing_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "collections_landing_links_token" ON "collections_landing_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "collections_landing_links_claim" ON "collections_landing_links" USING btree ("tenant_id","claim_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "collections_landing_payments_reference" ON "collections_landing_payments" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "collections_landing_sessions_hash" ON "collections_landing_sessions" USING btree ("session_hash");--> statement-breakpoint
CREATE INDEX "collections_landing_visits_link" ON "collections_landing_visits" USING btree ("tenant_id","link_id","visited_at");--> statement-breakpoint
CREATE INDEX "collections_landing_visits_claim" ON "collections_landing_visits" USING btree ("tenant_id","claim_reference") WHERE "collections_landing_visits"."verified";