ALTER TABLE "staff_users" ADD COLUMN "password_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "password_changed_by_sid" text;--> statement-breakpoint
ALTER TABLE "web_accounts" ADD COLUMN "password_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "web_accounts" ADD COLUMN "password_changed_by_sid" text;