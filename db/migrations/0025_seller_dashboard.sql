CREATE TABLE "seller_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seller_country" text NOT NULL,
	"seller_identifier" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "seller_sign_in_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"seller_country" text NOT NULL,
	"seller_identifier" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seller_sign_in_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "seller_sign_in_requests" (
	"email_hash" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seller_sessions" ADD CONSTRAINT "seller_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_sign_in_links" ADD CONSTRAINT "seller_sign_in_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seller_sign_in_requests_address" ON "seller_sign_in_requests" USING btree ("email_hash","requested_at");--> statement-breakpoint
CREATE INDEX "insurance_quotes_seller_covers" ON "insurance_quotes" USING btree ("tenant_id","seller_country","seller_identifier") WHERE "insurance_quotes"."activated_at" is not null;--> statement-breakpoint
CREATE INDEX "connect_quote_requests_seller_email" ON "connect_quote_requests" USING btree (lower("seller_email")) WHERE "connect_quote_requests"."status" in ('purchased', 'ended');--> statement-breakpoint
CREATE INDEX "connect_sellers_email" ON "connect_sellers" USING btree (lower("email"));