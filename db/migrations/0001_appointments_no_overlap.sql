-- Invariant 1 (DESIGN.md): two live appointments of one professional never overlap.
-- Enforced by PostgreSQL itself, whatever the concurrency. btree_gist gives gist the "=" on integers.
-- Cancelled, deleted and explicitly overbooked ("sobreturno") rows are exempt.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap"
  EXCLUDE USING gist (
    "professional_id" WITH =,
    tstzrange("starts_at", "ends_at", '[)') WITH &&
  ) WHERE ("status" <> 'cancelled' AND "deleted_at" IS NULL AND NOT "overbooked");
