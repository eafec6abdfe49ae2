ALTER TABLE "cover_versions" ADD COLUMN "pending_conditions" jsonb;--> statement-breakpoint
ALTER TABLE "cover_versions" ADD COLUMN "pending_policy_id" bigint;