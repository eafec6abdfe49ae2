CREATE TABLE "nonpayment_claim_holds" (
	"tenant_id" uuid NOT NULL,
	"case_number" bigint PRIMARY KEY NOT NULL,
	"held_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonpayment_recoveries" (
	"recovery_number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nonpayment_recoveries_recovery_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"case_number" bigint NOT NULL,
	"source_event_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"insurer_share" bigint NOT NULL,
	"insured_share" bigint NOT NULL,
	"insurer_total" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nonpayment_claim_holds" ADD CONSTRAINT "nonpayment_claim_holds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_claim_holds" ADD CONSTRAINT "nonpayment_claim_holds_case_number_nonpayment_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."nonpayment_cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_recoveries" ADD CONSTRAINT "nonpayment_recoveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_recoveries" ADD CONSTRAINT "nonpayment_recoveries_case_number_nonpayment_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."nonpayment_cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nonpayment_claim_holds_tenant" ON "nonpayment_claim_holds" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nonpayment_recoveries_source" ON "nonpayment_recoveries" USING btree ("tenant_id","source_event_id");--> statement-breakpoint
CREATE INDEX "nonpayment_recoveries_case" ON "nonpayment_recoveries" USING btree ("tenant_id","case_number","recovery_number");