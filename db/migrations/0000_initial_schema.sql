CREATE TYPE "public"."actor_kind" AS ENUM('staff', 'patient', 'system');--> statement-breakpoint
CREATE TYPE "public"."appointment_source" AS ENUM('web', 'staff');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('reserved', 'present', 'absent', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."message_batch_status" AS ENUM('draft', 'sending', 'done');--> statement-breakpoint
CREATE TYPE "public"."cancel_origin" AS ENUM('web', 'staff', 'system');--> statement-breakpoint
CREATE TYPE "public"."message_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."login_scope" AS ENUM('patient', 'staff');--> statement-breakpoint
CREATE TYPE "public"."message_kind" AS ENUM('activation', 'password_reset', 'email_change', 'booking_confirmation', 'cancellation', 'reminder', 'bulk', 'test');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('draft', 'pending', 'sending', 'sent', 'error', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."selection_mode" AS ENUM('specialty', 'study');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('admin', 'reception');--> statement-breakpoint
CREATE TYPE "public"."account_token_purpose" AS ENUM('activation', 'password_reset', 'email_change');--> statement-breakpoint
CREATE TABLE "center_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"web_enabled" boolean DEFAULT true NOT NULL,
	"center_name" text NOT NULL,
	"home_phrase" text DEFAULT '' NOT NULL,
	"web_address" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_phones" text DEFAULT '' NOT NULL,
	"contact_hours" text DEFAULT '' NOT NULL,
	"web_username" text DEFAULT 'WEB' NOT NULL,
	"web_appointment_type" text DEFAULT 'WEB' NOT NULL,
	"selection_mode" "selection_mode" DEFAULT 'specialty' NOT NULL,
	"max_per_day_specialty_professional" integer DEFAULT 1 NOT NULL,
	"max_future_per_ip" integer DEFAULT 8 NOT NULL,
	"max_future_per_patient" integer DEFAULT 4 NOT NULL,
	"require_reason" boolean DEFAULT false NOT NULL,
	"mail_phrase" text DEFAULT '' NOT NULL,
	"time_zone" text DEFAULT 'America/Argentina/Buenos_Aires' NOT NULL,
	"patient_idle_minutes" integer DEFAULT 10 NOT NULL,
	"staff_idle_minutes" integer DEFAULT 60 NOT NULL,
	"min_booking_notice_hours" integer DEFAULT 2 NOT NULL,
	"cancel_cutoff_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_staff_id" integer,
	CONSTRAINT "center_settings_singleton" CHECK ("center_settings"."id" = 1),
	CONSTRAINT "center_settings_limits_positive" CHECK ("center_settings"."max_per_day_specialty_professional" >= 1 and "center_settings"."max_future_per_ip" >= 1 and "center_settings"."max_future_per_patient" >= 1),
	CONSTRAINT "center_settings_idle_positive" CHECK ("center_settings"."patient_idle_minutes" >= 1 and "center_settings"."staff_idle_minutes" >= 1),
	CONSTRAINT "center_settings_hours_non_negative" CHECK ("center_settings"."min_booking_notice_hours" >= 0 and "center_settings"."cancel_cutoff_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "insurers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"web_enabled" boolean DEFAULT false NOT NULL,
	"web_name" text DEFAULT '' NOT NULL,
	"general_message" text DEFAULT '' NOT NULL,
	"booking_message" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_specialties" (
	"professional_id" integer NOT NULL,
	"specialty_id" integer NOT NULL,
	CONSTRAINT "professional_specialties_professional_id_specialty_id_pk" PRIMARY KEY("professional_id","specialty_id")
);
--> statement-breakpoint
CREATE TABLE "professional_studies" (
	"professional_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	CONSTRAINT "professional_studies_professional_id_study_id_pk" PRIMARY KEY("professional_id","study_id")
);
--> statement-breakpoint
CREATE TABLE "professionals" (
	"id" serial PRIMARY KEY NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"license" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"web_enabled" boolean DEFAULT false NOT NULL,
	"general_message" text DEFAULT '' NOT NULL,
	"booking_message" text DEFAULT '' NOT NULL,
	"max_days_ahead" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "professionals_max_days_ahead" CHECK ("professionals"."max_days_ahead" between 1 and 730)
);
--> statement-breakpoint
CREATE TABLE "specialties" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"web_enabled" boolean DEFAULT false NOT NULL,
	"web_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"indication" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"purpose" "account_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"new_email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scope" "login_scope" NOT NULL,
	"identifier" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" serial PRIMARY KEY NOT NULL,
	"dni" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"birth_date" date,
	"phone" text DEFAULT '' NOT NULL,
	"mobile" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"insurer_id" integer,
	"member_number" text DEFAULT '' NOT NULL,
	"reminders_opt_in" boolean DEFAULT true NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_dni_digits" CHECK ("patients"."dni" ~ '^[0-9]{6,9}$'),
	CONSTRAINT "patients_phone_digits" CHECK ("patients"."phone" ~ '^[0-9]*$' and "patients"."mobile" ~ '^[0-9]*$')
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "staff_role" DEFAULT 'reception' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "web_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"patient_id" integer NOT NULL,
	"password_hash" text NOT NULL,
	"activated_at" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"disabled_observation" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_ip" text DEFAULT '' NOT NULL,
	"last_login_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"professional_id" integer NOT NULL,
	"specialty_id" integer,
	"study_id" integer,
	"patient_id" integer NOT NULL,
	"insurer_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "appointment_status" DEFAULT 'reserved' NOT NULL,
	"source" "appointment_source" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"overbooked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" integer,
	"created_ip" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_staff_id" integer,
	"cancel_origin" "cancel_origin",
	"rescheduled_from_id" bigint,
	"deleted_at" timestamp with time zone,
	"deleted_by_staff_id" integer,
	CONSTRAINT "appointments_time_order" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_cancel_consistency" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "schedule_exceptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"professional_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"start_time" time,
	"end_time" time,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" integer,
	CONSTRAINT "schedule_exceptions_date_order" CHECK ("schedule_exceptions"."ends_on" >= "schedule_exceptions"."starts_on"),
	CONSTRAINT "schedule_exceptions_times" CHECK (("schedule_exceptions"."start_time" is null and "schedule_exceptions"."end_time" is null) or ("schedule_exceptions"."start_time" is not null and "schedule_exceptions"."end_time" is not null and "schedule_exceptions"."end_time" > "schedule_exceptions"."start_time"))
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" serial PRIMARY KEY NOT NULL,
	"professional_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"slot_minutes" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"specialty_id" integer,
	"study_id" integer,
	"web_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_weekday_iso" CHECK ("schedules"."weekday" between 1 and 7),
	CONSTRAINT "schedules_time_order" CHECK ("schedules"."end_time" > "schedules"."start_time"),
	CONSTRAINT "schedules_slot_minutes" CHECK ("schedules"."slot_minutes" between 5 and 480),
	CONSTRAINT "schedules_valid_order" CHECK ("schedules"."valid_to" is null or "schedules"."valid_to" >= "schedules"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "message_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel" "message_channel" NOT NULL,
	"template_id" integer,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "message_batch_status" DEFAULT 'draft' NOT NULL,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel" "message_channel" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" integer
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" "message_channel" NOT NULL,
	"kind" "message_kind" NOT NULL,
	"status" "message_status" DEFAULT 'pending' NOT NULL,
	"batch_id" integer,
	"template_id" integer,
	"reminder_rule_id" integer,
	"patient_id" integer,
	"appointment_id" bigint,
	"recipient" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text,
	"attachments" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"provider" text,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" integer,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provider_settings" (
	"channel" "message_channel" PRIMARY KEY NOT NULL,
	"provider" text DEFAULT 'dev' NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_encrypted" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_staff_id" integer
);
--> statement-breakpoint
CREATE TABLE "reminder_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel" "message_channel" NOT NULL,
	"template_id" integer NOT NULL,
	"hours_before" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_rules_hours" CHECK ("reminder_rules"."hours_before" between 1 and 720)
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"name" text PRIMARY KEY NOT NULL,
	"beat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" integer,
	"actor_label" text DEFAULT '' NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"ip" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "professional_specialties" ADD CONSTRAINT "professional_specialties_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_specialties" ADD CONSTRAINT "professional_specialties_specialty_id_specialties_id_fk" FOREIGN KEY ("specialty_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_studies" ADD CONSTRAINT "professional_studies_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_studies" ADD CONSTRAINT "professional_studies_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_account_id_web_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."web_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_insurer_id_insurers_id_fk" FOREIGN KEY ("insurer_id") REFERENCES "public"."insurers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_accounts" ADD CONSTRAINT "web_accounts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_specialty_id_specialties_id_fk" FOREIGN KEY ("specialty_id") REFERENCES "public"."specialties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_insurer_id_insurers_id_fk" FOREIGN KEY ("insurer_id") REFERENCES "public"."insurers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancelled_by_staff_id_staff_users_id_fk" FOREIGN KEY ("cancelled_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_deleted_by_staff_id_staff_users_id_fk" FOREIGN KEY ("deleted_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_professional_id_professionals_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."professionals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_specialty_id_specialties_id_fk" FOREIGN KEY ("specialty_id") REFERENCES "public"."specialties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_batches" ADD CONSTRAINT "message_batches_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_batches" ADD CONSTRAINT "message_batches_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_batch_id_message_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."message_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reminder_rule_id_reminder_rules_id_fk" FOREIGN KEY ("reminder_rule_id") REFERENCES "public"."reminder_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_settings" ADD CONSTRAINT "provider_settings_updated_by_staff_id_staff_users_id_fk" FOREIGN KEY ("updated_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_rules" ADD CONSTRAINT "reminder_rules_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insurers_name_unique" ON "insurers" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "specialties_name_unique" ON "specialties" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "studies_name_unique" ON "studies" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_hash_unique" ON "account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "login_attempts_identifier_idx" ON "login_attempts" USING btree ("scope","identifier","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_dni_unique" ON "patients" USING btree ("dni");--> statement-breakpoint
CREATE INDEX "patients_last_name_idx" ON "patients" USING btree (lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "patients_email_idx" ON "patients" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_username_unique" ON "staff_users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "web_accounts_patient_unique" ON "web_accounts" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "appointments_live_starts_at_idx" ON "appointments" USING btree ("starts_at","professional_id","ends_at") WHERE status <> 'cancelled' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_patient_idx" ON "appointments" USING btree ("patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_professional_idx" ON "appointments" USING btree ("professional_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_web_created_idx" ON "appointments" USING btree ("created_at") WHERE source = 'web' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "appointments_ip_idx" ON "appointments" USING btree ("created_ip","starts_at") WHERE status <> 'cancelled' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "schedule_exceptions_range_idx" ON "schedule_exceptions" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "schedules_professional_idx" ON "schedules" USING btree ("professional_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_title_unique" ON "message_templates" USING btree ("channel",lower("title"));--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "messages" USING btree ("next_attempt_at") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_batch_idx" ON "messages" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "messages_appointment_idx" ON "messages" USING btree ("appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_reminder_once" ON "messages" USING btree ("appointment_id","reminder_rule_id") WHERE reminder_rule_id is not null;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");