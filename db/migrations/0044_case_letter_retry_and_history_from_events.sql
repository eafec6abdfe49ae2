DROP TABLE "nonpayment_case_events" CASCADE;--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" ADD COLUMN "render_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" ADD COLUMN "render_retry_at" timestamp with time zone;