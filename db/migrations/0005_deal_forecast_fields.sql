ALTER TABLE "deals" ADD COLUMN "forecast_category" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "expected_close_at" timestamp with time zone;