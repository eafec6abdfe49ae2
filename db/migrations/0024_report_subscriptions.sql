CREATE TABLE "report_deliveries" (
	"tenant_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"report_date" text NOT NULL,
	"mail_message_id" uuid,
	"delivered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_deliveries_subscription_id_report_date_pk" PRIMARY KEY("subscription_id","report_date")
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"report" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"format" text NOT NULL,
	"frequency" text NOT NULL,
	"email" text NOT NULL,
	"customer_id" bigint,
	"channel" text NOT NULL,
	"created_by" text NOT NULL,
	"next_report_date" text NOT NULL,
	"next_due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_subscription_id_report_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."report_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_subscriptions_due" ON "report_subscriptions" USING btree ("next_due_at") WHERE "report_subscriptions"."next_due_at" is not null;--> statement-breakpoint
CREATE INDEX "report_subscriptions_tenant" ON "report_subscriptions" USING btree ("tenant_id","channel","created_at");