import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { messageTemplates, type MessageTemplate } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { pgError, RollbackWith } from '@/db/errors';
import { CHECK_FIELDS, refuse, validate, type CatalogActor, type CatalogResult } from '@/lib/catalog/mutation';
import { templateSchema, templateSwitchSchema, type TemplateInput, type TemplateSwitchInput } from './schemas';

const DUPLICATE = 'Ya existe una plantilla con ese TÍTULO.';
const GONE = 'La plantilla ya no existe. Actualice la página.';
const CHANNEL_FIXED = 'Una plantilla no cambia de Email a SMS: cree una nueva.';

type Refused = { ok: false; error: string; fieldErrors?: Record<string, string> };

/** What the audit keeps of a template (all of it: templates hold no secrets). */
const audited = (t: MessageTemplate) => ({ channel: t.channel, title: t.title, body: t.body, active: t.active });

async function audit(tx: DbOrTx, actor: CatalogActor, action: string, id: number, before: MessageTemplate | null, after: MessageTemplate) {
  await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
    action,
    entity: 'message_templates',
    entityId: String(id),
    before: before && audited(before),
    after: audited(after),
    ip: actor.ip,
  });
}

/**
 * PLANTILLAS: NUEVO EMAIL / NUEVO SMS (without id) or modify (with id), audited in the same
 * transaction. Unknown [[TOKENS]] are refused by the schema, naming them; a TÍTULO already used
 * by another template of the same kind (any case) is refused next to the field.
 */
export async function saveTemplate(db: Db, actor: CatalogActor, raw: TemplateInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(templateSchema, raw);
  if (!input.ok) return input;
  const { id, channel, title, body } = input.data;
  try {
    return await db.transaction(async (tx) => {
      if (id === undefined) {
        const [after] = await tx.insert(messageTemplates).values({ channel, title, body, createdByStaffId: actor.staffId }).returning();
        await audit(tx, actor, 'template.create', after.id, null, after);
        return { ok: true as const, id: after.id };
      }
      const [before] = await tx.select().from(messageTemplates).where(eq(messageTemplates.id, id)).for('update');
      if (!before) refuse(GONE);
      if (before.channel !== channel) refuse(CHANNEL_FIXED);
      const [after] = await tx
        .update(messageTemplates)
        .set({ title, body, updatedAt: sql`now()` })
        .where(eq(messageTemplates.id, id))
        .returning();
      await audit(tx, actor, 'template.update', id, before, after);
      return { ok: true as const, id };
    });
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as Refused;
    const pg = pgError(error);
    if (pg.code === '23505' && (!pg.constraint || pg.constraint === 'message_templates_title_unique')) {
      return { ok: false, error: CHECK_FIELDS, fieldErrors: { title: DUPLICATE } };
    }
    throw error;
  }
}

/** Desactivar / reactivar: an inactive template is not offered for sending; its history stays. */
export async function setTemplateActive(db: Db, actor: CatalogActor, raw: TemplateSwitchInput): Promise<CatalogResult<{ id: number }>> {
  const input = validate(templateSwitchSchema, raw);
  if (!input.ok) return input;
  const { id, on } = input.data;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(messageTemplates).where(eq(messageTemplates.id, id)).for('update');
    if (!before) return { ok: false as const, error: GONE };
    const [after] = await tx
      .update(messageTemplates)
      .set({ active: on, updatedAt: sql`now()` })
      .where(eq(messageTemplates.id, id))
      .returning();
    await audit(tx, actor, on ? 'template.reactivate' : 'template.deactivate', id, before, after);
    return { ok: true as const, id };
  });
}

export type TemplateRow = Pick<MessageTemplate, 'id' | 'channel' | 'title' | 'body' | 'active' | 'updatedAt'>;

const columns = {
  id: messageTemplates.id,
  channel: messageTemplates.channel,
  title: messageTemplates.title,
  body: messageTemplates.body,
  active: messageTemplates.active,
  updatedAt: messageTemplates.updatedAt,
};

/** The PLANTILLAS list: active first, then by title. */
export async function listTemplates(db: DbOrTx, channel?: 'email' | 'sms'): Promise<TemplateRow[]> {
  return db
    .select(columns)
    .from(messageTemplates)
    .where(channel ? eq(messageTemplates.channel, channel) : undefined)
    .orderBy(sql`${messageTemplates.active} desc`, asc(sql`lower(${messageTemplates.title})`), asc(messageTemplates.id));
}

export async function getTemplate(db: DbOrTx, id: number, channel?: 'email' | 'sms'): Promise<TemplateRow | null> {
  const [row] = await db
    .select(columns)
    .from(messageTemplates)
    .where(channel ? and(eq(messageTemplates.id, id), eq(messageTemplates.channel, channel)) : eq(messageTemplates.id, id));
  return row ?? null;
}
