CREATE TABLE "agenda_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"token" text NOT NULL,
	CONSTRAINT "agenda_version_single_row" CHECK ("agenda_version"."id" = 1)
);
--> statement-breakpoint
-- A fresh token on every statement that changes what a booking's slot check reads (see
-- db/schema/agenda.ts, agendaVersion). Statement-level: one bump per statement, however many rows.
CREATE FUNCTION "agenda_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "agenda_version" ("id", "token") VALUES (1, gen_random_uuid()::text)
  ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
  RETURN NULL;
END
$$;
--> statement-breakpoint
INSERT INTO "agenda_version" ("id", "token") VALUES (1, gen_random_uuid()::text);
--> statement-breakpoint
CREATE TRIGGER "center_settings_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "center_settings" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "professionals_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "professionals" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "professional_specialties_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "professional_specialties" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "professional_studies_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "professional_studies" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "specialties_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "specialties" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "studies_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "studies" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "schedules_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "schedules" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
--> statement-breakpoint
CREATE TRIGGER "schedule_exceptions_agenda_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "schedule_exceptions" FOR EACH STATEMENT EXECUTE FUNCTION "agenda_version_bump"();
