import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { appointments, centerSettings, messages, messageTemplates, patients, reminderRules } from '@/db/schema';
import { enqueueEmail, enqueueSms } from '@/lib/messaging/outbox';
import { appointmentValues, selectReminderAppointments } from './appointment-values';
import { centerContactOf, reminderEmailComposer } from './email';
import { renderTemplate } from './placeholders';

/** How many turnos one pass reminds per rule at most; the next pass (a minute later) takes the rest. */
const BATCH = 200;

/**
 * Automatic reminders ("48 horas antes, por mail, plantilla X"): for every active rule, the
 * reserved future turnos inside its window, of patients who did not opt out, not yet reminded by
 * that rule, go to the outbox. Exactly once per turno and rule, however many workers run this at
 * the same time: the unique index messages_reminder_once refuses a second row, and that refusal
 * is simply skipped. Cancelled or deleted turnos are never reminded.
 */
export async function enqueueDueReminders(db: Db, now = new Date()): Promise<{ queued: number }> {
  const rules = await db
    .select({ id: reminderRules.id, channel: reminderRules.channel, hoursBefore: reminderRules.hoursBefore, title: messageTemplates.title, body: messageTemplates.body })
    .from(reminderRules)
    .innerJoin(messageTemplates, eq(messageTemplates.id, reminderRules.templateId))
    .where(and(eq(reminderRules.active, true), eq(messageTemplates.active, true), sql`${messageTemplates.channel} = ${reminderRules.channel}`));
  if (rules.length === 0) return { queued: 0 };
  // Read directly: this runs in `npm run worker` too, outside Next (lib/settings/queries is server-only).
  const [center] = await db.select().from(centerSettings).where(eq(centerSettings.id, 1));
  if (!center) return { queued: 0 };
  let queued = 0;
  for (const rule of rules) {
    const compose = rule.channel === 'email' ? await reminderEmailComposer(centerContactOf(center), rule) : null;
    const due = await selectReminderAppointments(db)
      .where(
        and(
          eq(appointments.status, 'reserved'),
          isNull(appointments.deletedAt),
          gt(appointments.startsAt, now),
          lte(appointments.startsAt, new Date(now.getTime() + rule.hoursBefore * 3_600_000)),
          eq(patients.remindersOptIn, true),
          rule.channel === 'email' ? sql`${patients.email} <> ''` : sql`${patients.mobile} <> ''`,
          sql`not exists (select 1 from ${messages} m where m.appointment_id = ${appointments.id} and m.reminder_rule_id = ${rule.id})`,
        ),
      )
      .limit(BATCH);
    for (const a of due) {
      const values = appointmentValues(a, center);
      const common = { kind: 'reminder' as const, patientId: a.patientId, appointmentId: a.id, reminderRuleId: rule.id };
      const content = compose ? await compose(values) : null;
      try {
        await db.transaction(async (tx) => {
          if (content) await enqueueEmail(tx, { ...common, recipient: a.email, ...content });
          else await enqueueSms(tx, { ...common, recipient: a.mobile, bodyText: renderTemplate(rule.body, values) });
        });
        queued++;
      } catch (err) {
        // Another worker reminded this turno for this rule a moment ago: nothing to do.
        if (!isUniqueViolation(err)) throw err;
      }
    }
  }
  return { queued };
}
