ALTER TABLE "servicing_async_requests" ALTER COLUMN "processed_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "servicing_async_requests" ADD COLUMN "status" text DEFAULT 'SUCCEEDED' NOT NULL;--> statement-breakpoint
ALTER TABLE "servicing_async_requests" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "servicing_async_requests" ADD COLUMN "requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "servicing_async_requests" ADD COLUMN "error" jsonb;