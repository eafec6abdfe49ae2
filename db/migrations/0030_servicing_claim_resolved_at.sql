ALTER TABLE "servicing_claims" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
-- Claims resolved before the column existed: their last update is the best instant known (what the ageing read before).
UPDATE "servicing_claims" SET "resolved_at" = "updated_at" WHERE "status" = 'RESOLVED';
