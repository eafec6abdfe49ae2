ALTER TABLE "insurance_quotes" ADD COLUMN "invoice_amount_text" text;--> statement-breakpoint
ALTER TABLE "connect_quote_requests" ADD COLUMN "invoice_amount_text" text;