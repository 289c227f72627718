import '@/lib/validation/spanish';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_RECORD_ID, recordId } from '@/lib/validation/record-id';
import type { Db, DbOrTx } from '@/db/client';
import { messageTemplates, reminderRules } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';

/** "48 horas antes, por mail, plantilla X": one automatic reminder rule. */
export const reminderRuleSchema = z.object({
  name: z.string().trim().min(2, 'Ponga un nombre a la regla, p. ej. "48 horas antes por mail".').max(80),
  channel: z.enum(['email', 'sms'], { error: 'Elija mail o SMS.' }),
  templateId: z.coerce.number({ error: 'Elija la plantilla.' }).int().positive('Elija la plantilla.').max(MAX_RECORD_ID, 'Elija la plantilla.'),
  hoursBefore: z.coerce
    .number({ error: 'Indique cuántas horas antes.' })
    .int('Indique horas enteras.')
    .min(1, 'Al menos 1 hora antes.')
    .max(720, 'Como mucho 720 horas (30 días) antes.'),
});
export type ReminderRuleInput = z.infer<typeof reminderRuleSchema>;
export const reminderRuleSwitchSchema = z.object({ id: recordId, on: z.boolean() });

type Actor = { staffId: number; label: string; ip?: string };
type Result = { ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export async function listReminderRules(db: DbOrTx) {
  return db
    .select({ id: reminderRules.id, name: reminderRules.name, channel: reminderRules.channel, hoursBefore: reminderRules.hoursBefore, active: reminderRules.active, template: messageTemplates.title, templateActive: messageTemplates.active })
    .from(reminderRules)
    .innerJoin(messageTemplates, eq(messageTemplates.id, reminderRules.templateId))
    .orderBy(asc(reminderRules.hoursBefore), asc(reminderRules.id));
}

/** A new rule; its template must be an active template of the same channel. Audited. */
export async function createReminderRule(db: Db, actor: Actor, input: ReminderRuleInput): Promise<Result> {
  return db.transaction(async (tx) => {
    const [template] = await tx
      .select({ id: messageTemplates.id })
      .from(messageTemplates)
      .where(and(eq(messageTemplates.id, input.templateId), eq(messageTemplates.channel, input.channel), eq(messageTemplates.active, true)));
    if (!template) {
      return { ok: false as const, error: 'Revise los datos marcados.', fieldErrors: { templateId: 'Elija una plantilla activa del mismo tipo (mail o SMS).' } };
    }
    const [row] = await tx.insert(reminderRules).values(input).returning();
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, { action: 'reminder_rule.create', entity: 'reminder_rule', entityId: String(row.id), after: row, ip: actor.ip });
    return { ok: true as const, id: row.id };
  });
}

export async function setReminderRuleActive(db: Db, actor: Actor, input: z.infer<typeof reminderRuleSwitchSchema>): Promise<Result> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(reminderRules).where(eq(reminderRules.id, input.id)).for('update');
    if (!before) return { ok: false as const, error: 'Esa regla no existe.' };
    const [after] = await tx.update(reminderRules).set({ active: input.on }).where(eq(reminderRules.id, input.id)).returning();
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, { action: input.on ? 'reminder_rule.activate' : 'reminder_rule.deactivate', entity: 'reminder_rule', entityId: String(input.id), before, after, ip: actor.ip });
    return { ok: true as const, id: input.id };
  });
}
