CREATE TABLE "nonpayment_case_events" (
	"event_number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nonpayment_case_events_event_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"case_number" bigint NOT NULL,
	"event_type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonpayment_cases" (
	"case_number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nonpayment_cases_case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"policy_id" bigint NOT NULL,
	"buyer_id" bigint NOT NULL,
	"buyer_name" text NOT NULL,
	"customer_ref_number" text,
	"case_type" text NOT NULL,
	"case_status" text NOT NULL,
	"collection_phase" text,
	"claim_status" text NOT NULL,
	"claim_cause" text,
	"closure_reason" text,
	"rejection_reason" text,
	"claim_decline_reason" text,
	"currency" text NOT NULL,
	"total_invoiced" bigint NOT NULL,
	"total_credited" bigint NOT NULL,
	"total_paid" bigint NOT NULL,
	"outstanding_amount" bigint NOT NULL,
	"oldest_due_date" text NOT NULL,
	"first_invoice_date" text NOT NULL,
	"notified_on" text NOT NULL,
	"insolvency_date" text,
	"date_of_loss" text,
	"loss_date_reached" boolean DEFAULT false NOT NULL,
	"claim_amount" bigint,
	"claim_submitted_on" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_amount" bigint,
	"approved_on" text,
	"indemnity_percentage" integer,
	"indemnity_amount" bigint,
	"indemnity_calculation" jsonb,
	"assessment_overdue" boolean DEFAULT false NOT NULL,
	"payment_plan" jsonb,
	"debtor_contact" jsonb,
	"eligibility" jsonb,
	"late_notification" boolean DEFAULT false NOT NULL,
	"eligibility_due_at" timestamp with time zone,
	"documents_due_at" timestamp with time zone,
	"assessment_due_at" timestamp with time zone,
	"loss_due_at" timestamp with time zone,
	"payment_due_at" timestamp with time zone,
	"legal_due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonpayment_case_notes" (
	"note_number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nonpayment_case_notes_note_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"case_number" bigint NOT NULL,
	"text" text NOT NULL,
	"category" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nonpayment_case_transactions" (
	"transaction_number" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nonpayment_case_transactions_transaction_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"case_number" bigint NOT NULL,
	"transaction_type" text NOT NULL,
	"document_number" text NOT NULL,
	"document_date" text NOT NULL,
	"due_date" text,
	"period" text,
	"gross_amount" bigint NOT NULL,
	"net_amount" bigint,
	"outstanding_amount" bigint NOT NULL,
	"description" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nonpayment_case_events" ADD CONSTRAINT "nonpayment_case_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_case_events" ADD CONSTRAINT "nonpayment_case_events_case_number_nonpayment_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."nonpayment_cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_cases" ADD CONSTRAINT "nonpayment_cases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" ADD CONSTRAINT "nonpayment_case_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_case_notes" ADD CONSTRAINT "nonpayment_case_notes_case_number_nonpayment_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."nonpayment_cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" ADD CONSTRAINT "nonpayment_case_transactions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonpayment_case_transactions" ADD CONSTRAINT "nonpayment_case_transactions_case_number_nonpayment_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."nonpayment_cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nonpayment_case_events_case" ON "nonpayment_case_events" USING btree ("tenant_id","case_number","event_number");--> statement-breakpoint
CREATE UNIQUE INDEX "nonpayment_cases_one_open" ON "nonpayment_cases" USING btree ("tenant_id","policy_id","buyer_id") WHERE "nonpayment_cases"."case_status" in ('SUBMITTED', 'OPEN');--> statement-breakpoint
CREATE INDEX "nonpayment_cases_customer" ON "nonpayment_cases" USING btree ("tenant_id","customer_id","case_number");--> statement-breakpoint
CREATE INDEX "nonpayment_cases_policy" ON "nonpayment_cases" USING btree ("tenant_id","policy_id","case_number");--> statement-breakpoint
CREATE INDEX "nonpayment_cases_eligibility_due" ON "nonpayment_cases" USING btree ("eligibility_due_at") WHERE "nonpayment_cases"."eligibility_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_cases_documents_due" ON "nonpayment_cases" USING btree ("documents_due_at") WHERE "nonpayment_cases"."documents_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_cases_assessment_due" ON "nonpayment_cases" USING btree ("assessment_due_at") WHERE "nonpayment_cases"."assessment_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_cases_loss_due" ON "nonpayment_cases" USING btree ("loss_due_at") WHERE "nonpayment_cases"."loss_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_cases_payment_due" ON "nonpayment_cases" USING btree ("payment_due_at") WHERE "nonpayment_cases"."payment_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_cases_legal_due" ON "nonpayment_cases" USING btree ("legal_due_at") WHERE "nonpayment_cases"."legal_due_at" is not null;--> statement-breakpoint
CREATE INDEX "nonpayment_case_notes_case" ON "nonpayment_case_notes" USING btree ("tenant_id","case_number","note_number");--> statement-breakpoint
CREATE INDEX "nonpayment_case_transactions_case" ON "nonpayment_case_transactions" USING btree ("tenant_id","case_number","transaction_number");