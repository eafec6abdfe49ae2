ALTER TABLE "nonpayment_case_letters" ALTER COLUMN "pdf_base64" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" ALTER COLUMN "pdf_sha256" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "nonpayment_case_letters" ADD COLUMN "rendered_at" timestamp with time zone;--> statement-breakpoint
-- Letters issued before the render job were rendered in their issuing transaction.
UPDATE "nonpayment_case_letters" SET "rendered_at" = "issued_at" WHERE "pdf_base64" IS NOT NULL;
