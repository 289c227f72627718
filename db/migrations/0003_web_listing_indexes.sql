DROP INDEX "appointments_web_created_idx";--> statement-breakpoint
CREATE INDEX "appointments_web_starts_idx" ON "appointments" USING btree ("starts_at","id") WHERE source = 'web' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_web_professional_idx" ON "appointments" USING btree ("professional_id","starts_at","id") WHERE source = 'web' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_web_insurer_idx" ON "appointments" USING btree ("insurer_id","created_at","id") WHERE source = 'web' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_web_specialty_idx" ON "appointments" USING btree ("specialty_id","created_at","id") WHERE source = 'web' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_web_created_idx" ON "appointments" USING btree ("created_at","id") WHERE source = 'web' and deleted_at is null;