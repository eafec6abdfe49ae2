CREATE TABLE "collections_holidays" (
	"tenant_id" uuid NOT NULL,
	"day" text NOT NULL,
	"name" text,
	CONSTRAINT "collections_holidays_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "collections_run_events" (
	"tenant_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"claim_reference" text NOT NULL,
	"run_no" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"reason" text,
	"action" jsonb,
	"debtor_key" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_run_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "collections_runs" (
	"tenant_id" uuid NOT NULL,
	"claim_reference" text NOT NULL,
	"run_no" integer DEFAULT 1 NOT NULL,
	"debtor_key" text,
	"strategy_key" text NOT NULL,
	"strategy_version" integer NOT NULL,
	"position" jsonb NOT NULL,
	"state" text NOT NULL,
	"paused_until" timestamp with time zone,
	"stop_reason" text,
	"stop_description" text,
	"due_at" timestamp with time zone,
	"started_by_event" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collections_runs_tenant_id_claim_reference_pk" PRIMARY KEY("tenant_id","claim_reference")
);
--> statement-breakpoint
ALTER TABLE "collections_holidays" ADD CONSTRAINT "collections_holidays_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_run_events" ADD CONSTRAINT "collections_run_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections_runs" ADD CONSTRAINT "collections_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collections_run_events_claim" ON "collections_run_events" USING btree ("tenant_id","claim_reference","id");--> statement-breakpoint
CREATE INDEX "collections_run_events_debtor_sends" ON "collections_run_events" USING btree ("tenant_id","debtor_key","at") WHERE "collections_run_events"."kind" = 'send';--> statement-breakpoint
CREATE INDEX "collections_runs_due" ON "collections_runs" USING btree ("due_at") WHERE "collections_runs"."due_at" is not null;