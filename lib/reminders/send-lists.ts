import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { Db, DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { RollbackWith } from '@/db/errors';
import {
  appointments,
  centerSettings,
  insurers,
  messageBatches,
  messages,
  messageTemplates,
  patients,
  staffUsers,
} from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { addDaysToDate } from '@/lib/availability/slots';
import { enqueueMany, type ChannelDraft } from '@/lib/messaging/outbox';
import { invalidEmailError, invalidPhoneError, isValidEmail, isValidPhone, normalizeEmail, normalizePhone } from '@/lib/messaging/recipients';
import { appointmentValues, patientValues } from './appointment-values';
import { centerContactOf, reminderEmailComposer } from './email';
import { renderTemplate } from './placeholders';
import type { SendListFilters, SendWho } from './send-list-schema';

/**
 * ENVIAR MAIL/SMS (manual, ENVIAR RECORDATORIOS MAILS/SMS). GENERAR LISTADO writes the list as a
 * message batch whose messages are 'draft': already filled in, visible, exportable, removable one
 * by one, and invisible to the worker. ENVIAR releases them all at once ('draft' → 'pending'),
 * and from then on they are ordinary outbox messages: delivered once, retried, logged. The
 * progress is read from the database, so it survives a reload, another browser, a restart.
 */

type Actor = { staffId: number; label: string; ip?: string };
type Refusal = { ok: false; error: string; fieldErrors?: Record<string, string> };

export const NO_RECIPIENTS = {
  email: 'Ningún paciente cumple esos filtros con un mail válido (y sin haber pedido no recibir recordatorios).',
  sms: 'Ningún paciente cumple esos filtros con un celular válido (y sin haber pedido no recibir recordatorios).',
} as const;

/** Sent by this channel before, for this turno (reminders) or, without turnos, this template to this patient. */
function sentBefore(channel: 'email' | 'sms', by: { appointment: SQL } | { patient: SQL; templateId: number }): SQL {
  return 'appointment' in by
    ? sql`exists (select 1 from ${messages} o where o.appointment_id = ${by.appointment} and o.channel = ${channel} and o.kind = 'reminder' and o.status = 'sent')`
    : sql`exists (select 1 from ${messages} o where o.patient_id = ${by.patient} and o.channel = ${channel} and o.template_id = ${by.templateId} and o.status = 'sent')`;
}

function whoCondition(who: SendWho, sent: SQL): SQL | undefined {
  if (who === 'enviados') return sent;
  if (who === 'no_enviados') return sql`not ${sent}`;
  return undefined;
}

/** GENERAR LISTADO: the batch and its draft messages, in one transaction. */
export async function buildSendList(
  db: Db,
  actor: Actor,
  filters: SendListFilters,
): Promise<{ ok: true; batchId: number; count: number } | Refusal> {
  const [template] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.id, filters.templateId), eq(messageTemplates.active, true)));
  if (!template) return { ok: false, error: 'Revise los datos marcados.', fieldErrors: { templateId: 'Elija una plantilla activa.' } };
  const [center] = await db.select().from(centerSettings).where(eq(centerSettings.id, 1));
  const channel = template.channel;
  const hasContact = channel === 'email' ? ne(patients.email, '') : ne(patients.mobile, '');
  const valid = channel === 'email' ? (r: { email: string }) => isValidEmail(r.email) : (r: { mobile: string }) => isValidPhone(r.mobile);

  // The list only: who, by which turno. The messages are filled in when ENVIAR releases them,
  // from the turno and the patient as they are then (releaseBatch).
  type Recipient = { patientId: number; appointmentId: number | null; email: string; mobile: string };
  let recipients: Recipient[];
  const contact = { patientId: patients.id, email: patients.email, mobile: patients.mobile };
  if (filters.target === 'turnos') {
    const from = fromZonedTime(`${filters.from}T00:00:00`, center.timeZone);
    const to = fromZonedTime(`${addDaysToDate(filters.to!, 1)}T00:00:00`, center.timeZone);
    const rows = await db
      .select({ appointmentId: appointments.id, ...contact })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(
        and(
          eq(appointments.status, 'reserved'),
          isNull(appointments.deletedAt),
          gte(appointments.startsAt, from),
          lt(appointments.startsAt, to),
          eq(patients.remindersOptIn, true),
          hasContact,
          filters.insurerIds.length ? inArray(appointments.insurerId, filters.insurerIds) : undefined,
          filters.specialtyId ? eq(appointments.specialtyId, filters.specialtyId) : undefined,
          filters.professionalId ? eq(appointments.professionalId, filters.professionalId) : undefined,
          whoCondition(filters.who, sentBefore(channel, { appointment: sql`${appointments.id}` })),
        ),
      )
      .orderBy(asc(appointments.startsAt), asc(appointments.id));
    recipients = rows.filter(valid);
  } else {
    const withTurnosOf = (column: SQL, id: number) =>
      sql`exists (select 1 from ${appointments} t where t.patient_id = ${patients.id} and ${column} = ${id} and t.deleted_at is null)`;
    const rows = await db
      .select(contact)
      .from(patients)
      .where(
        and(
          eq(patients.remindersOptIn, true),
          hasContact,
          filters.insurerIds.length ? inArray(patients.insurerId, filters.insurerIds) : undefined,
          filters.specialtyId ? withTurnosOf(sql`t.specialty_id`, filters.specialtyId) : undefined,
          filters.professionalId ? withTurnosOf(sql`t.professional_id`, filters.professionalId) : undefined,
          whoCondition(filters.who, sentBefore(channel, { patient: sql`${patients.id}`, templateId: template.id })),
        ),
      )
      .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id));
    recipients = rows.map((r) => ({ ...r, appointmentId: null })).filter(valid);
  }
  if (recipients.length === 0) return { ok: false, error: NO_RECIPIENTS[channel] };

  const kind = filters.target === 'turnos' ? ('reminder' as const) : ('bulk' as const);
  const drafts: Omit<ChannelDraft, 'batchId'>[] = recipients.map((r) => ({
    channel,
    kind,
    status: 'draft' as const,
    patientId: r.patientId,
    appointmentId: r.appointmentId,
    templateId: template.id,
    createdByStaffId: actor.staffId,
    recipient: channel === 'email' ? r.email : r.mobile,
    subject: '',
    bodyText: '',
  }));

  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(messageBatches)
      .values({ channel, templateId: template.id, filters, status: 'draft', createdByStaffId: actor.staffId })
      .returning({ id: messageBatches.id });
    await enqueueMany(tx, drafts.map((d) => ({ ...d, batchId: batch.id }) as ChannelDraft));
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: 'message_batch.create',
      entity: 'message_batch',
      entityId: String(batch.id),
      after: { template: template.title, channel, filters, count: drafts.length },
      ip: actor.ip,
    });
    return { ok: true as const, batchId: batch.id, count: drafts.length };
  });
}

export interface BatchSummary {
  id: number;
  channel: 'email' | 'sms';
  status: 'draft' | 'sending' | 'done';
  templateTitle: string | null;
  filters: SendListFilters;
  createdAt: Date;
  releasedAt: Date | null;
  staffUsername: string | null;
  counts: BatchCounts;
}

export interface BatchCounts {
  total: number;
  /** Still in the list, not released. */
  draft: number;
  /** Released, waiting for or in the hands of the worker. */
  queued: number;
  sent: number;
  error: number;
  /** Not sent on purpose: the turno was cancelled, or the patient opted out, after the list was made. */
  skipped: number;
}

function countsOf(rows: { status: string; n: number | string }[]): BatchCounts {
  const c: BatchCounts = { total: 0, draft: 0, queued: 0, sent: 0, error: 0, skipped: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    c.total += n;
    if (row.status === 'draft') c.draft += n;
    else if (row.status === 'pending' || row.status === 'sending') c.queued += n;
    else if (row.status === 'sent') c.sent += n;
    else if (row.status === 'cancelled') c.skipped += n;
    else c.error += n;
  }
  return c;
}

/**
 * How far a send is. When nothing is left in the queue, a 'sending' batch becomes 'done' here:
 * whoever looks first records it, so no extra process is needed.
 */
export async function batchProgress(db: DbOrTx, batchId: number): Promise<{ status: BatchSummary['status']; counts: BatchCounts } | null> {
  const [batch] = await db.select({ status: messageBatches.status }).from(messageBatches).where(eq(messageBatches.id, batchId));
  if (!batch) return null;
  const counts = countsOf(
    await db.select({ status: messages.status, n: sql<number>`count(*)` }).from(messages).where(eq(messages.batchId, batchId)).groupBy(messages.status),
  );
  let status = batch.status;
  if (status === 'sending' && counts.queued === 0 && counts.draft === 0) {
    await db.update(messageBatches).set({ status: 'done' }).where(and(eq(messageBatches.id, batchId), eq(messageBatches.status, 'sending')));
    status = 'done';
  }
  return { status, counts };
}

export async function getBatch(db: DbOrTx, batchId: number): Promise<BatchSummary | null> {
  const [row] = await db
    .select({
      id: messageBatches.id,
      channel: messageBatches.channel,
      templateTitle: messageTemplates.title,
      filters: messageBatches.filters,
      createdAt: messageBatches.createdAt,
      releasedAt: messageBatches.releasedAt,
      staffUsername: staffUsers.username,
    })
    .from(messageBatches)
    .leftJoin(messageTemplates, eq(messageTemplates.id, messageBatches.templateId))
    .leftJoin(staffUsers, eq(staffUsers.id, messageBatches.createdByStaffId))
    .where(eq(messageBatches.id, batchId));
  if (!row) return null;
  const progress = await batchProgress(db, batchId);
  if (!progress) return null;
  return { ...row, filters: row.filters as SendListFilters, ...progress };
}

/** The latest sends, newest first, for the form page ("Envíos anteriores"). */
export async function listRecentBatches(db: DbOrTx, limit = 10): Promise<BatchSummary[]> {
  const ids = await db.select({ id: messageBatches.id }).from(messageBatches).orderBy(desc(messageBatches.id)).limit(limit);
  const batches = await Promise.all(ids.map((r) => getBatch(db, r.id)));
  return batches.filter((b): b is BatchSummary => b !== null);
}

export const BATCH_PAGE = 100;

export interface BatchRow {
  /** The message (what "quitar" removes). */
  id: number;
  status: (typeof messages.$inferSelect)['status'];
  error: string | null;
  recipient: string;
  /** TuID, PacID */
  appointmentId: number | null;
  patientId: number | null;
  /** Env / ConError / Error: what happened before to this turno (or patient) by this channel. */
  sentBefore: boolean;
  errorBefore: string | null;
  patient: string;
  insurer: string | null;
  startsAt: Date | null;
  professional: string | null;
  specialty: string | null;
}

/** The list's rows in order (by turno, then patient), a page after `afterId`'s row, or all of them for the export. */
export async function listBatchRows(
  db: DbOrTx,
  batchId: number,
  options: { after?: number; limit?: number } = {},
): Promise<BatchRow[]> {
  const result = await db.execute(sql`
    select m.id, m.status, m.error, m.recipient, m.appointment_id, m.patient_id,
      -- Two plain subqueries, not one with a CASE inside: an index serves each of them.
      case when m.appointment_id is not null
        then exists (select 1 from messages o where o.appointment_id = m.appointment_id and o.kind = 'reminder'
                       and o.channel = m.channel and o.status = 'sent' and o.batch_id is distinct from m.batch_id)
        else exists (select 1 from messages o where o.patient_id = m.patient_id and o.template_id = m.template_id
                       and o.channel = m.channel and o.status = 'sent' and o.batch_id is distinct from m.batch_id)
      end as sent_before,
      case when m.appointment_id is not null
        then (select o.error from messages o where o.appointment_id = m.appointment_id and o.kind = 'reminder'
                and o.channel = m.channel and o.status = 'error' and o.batch_id is distinct from m.batch_id order by o.id desc limit 1)
        else (select o.error from messages o where o.patient_id = m.patient_id and o.template_id = m.template_id
                and o.channel = m.channel and o.status = 'error' and o.batch_id is distinct from m.batch_id order by o.id desc limit 1)
      end as error_before,
      coalesce(p.last_name || ' ' || p.first_name, '') as patient,
      coalesce(nullif(i.web_name, ''), i.name) as insurer,
      a.starts_at,
      pr.last_name || ' ' || pr.first_name as professional,
      coalesce(nullif(s.web_name, ''), s.name, st.name) as specialty
    from (
      -- The page first, then its columns: the subqueries above run for these rows only.
      select * from messages
      where batch_id = ${batchId} and id > ${options.after ?? 0}
      order by id
      ${options.limit ? sql`limit ${options.limit}` : sql``}
    ) m
    left join patients p on p.id = m.patient_id
    left join appointments a on a.id = m.appointment_id
    left join professionals pr on pr.id = a.professional_id
    left join specialties s on s.id = a.specialty_id
    left join studies st on st.id = a.study_id
    left join insurers i on i.id = coalesce(a.insurer_id, case when m.appointment_id is null then p.insurer_id end)
    order by m.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    id: Number(r.id),
    status: r.status as BatchRow['status'],
    error: (r.error as string | null) ?? null,
    recipient: r.recipient as string,
    appointmentId: r.appointment_id === null ? null : Number(r.appointment_id),
    patientId: r.patient_id === null ? null : Number(r.patient_id),
    sentBefore: Boolean(r.sent_before),
    errorBefore: (r.error_before as string | null) ?? null,
    patient: r.patient as string,
    insurer: (r.insurer as string | null) ?? null,
    startsAt: r.starts_at ? new Date(r.starts_at as string) : null,
    professional: (r.professional as string | null) ?? null,
    specialty: (r.specialty as string | null) ?? null,
  }));
}

/** The export reads the whole list, a page at a time. */
export async function* batchRowPages(db: DbOrTx, batchId: number, pageSize = 2000): AsyncGenerator<BatchRow[]> {
  let after = 0;
  for (;;) {
    const rows = await listBatchRows(db, batchId, { after, limit: pageSize });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
    if (rows.length < pageSize) return;
  }
}

const STARTED = 'Este envío ya comenzó: el listado no se puede cambiar. Prepare un nuevo envío.';

/** The "quitar" button: one row out of a list not yet sent. */
export async function removeBatchRow(db: Db, actor: Actor, input: { batchId: number; messageId: number }): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select({ status: messageBatches.status }).from(messageBatches).where(eq(messageBatches.id, input.batchId)).for('update');
    if (!batch) return { ok: false as const, error: 'Ese envío no existe.' };
    if (batch.status !== 'draft') return { ok: false as const, error: STARTED };
    const [removed] = await tx
      .delete(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.batchId, input.batchId), eq(messages.status, 'draft')))
      .returning({ id: messages.id, recipient: messages.recipient, patientId: messages.patientId, appointmentId: messages.appointmentId });
    if (!removed) return { ok: false as const, error: 'Ese registro ya no está en el listado.' };
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: 'message_batch.remove_row',
      entity: 'message_batch',
      entityId: String(input.batchId),
      before: removed,
      ip: actor.ip,
    });
    return { ok: true as const };
  });
}

/** ENVIAR MAILS / ENVIAR SMS: every row of the list goes to the outbox at once. Only once. */
export async function releaseBatch(db: Db, actor: Actor, input: { batchId: number }): Promise<{ ok: true; count: number } | Refusal> {
  try {
    return await releaseInTransaction(db, actor, input);
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as Refusal;
    throw error;
  }
}

/** Rows per UPDATE when filling the list in: a few MB of JSON at most. */
const FILL_CHUNK = 1000;

interface DraftData {
  id: number;
  appointment_id: number | null;
  patient_id: number;
  last_name: string;
  first_name: string;
  dni: string;
  email: string;
  mobile: string;
  reminders_opt_in: boolean;
  starts_at: string | Date | null;
  appointment_status: string | null;
  deleted_at: string | Date | null;
  professional: string | null;
  specialty: string | null;
  study: string | null;
  insurer: string | null;
}

/**
 * Each row filled in from the turno and the patient as they are at this moment, with the
 * PLANTILLA as it is now (a typo fixed after GENERAR LISTADO is fixed in what is sent). A turno
 * cancelled since, or a patient who since asked for no reminders, is not sent: the row ends
 * 'cancelled' with the reason; a contact that is no longer valid ends in error, like any outbox
 * message. Everything in the one transaction that marks the batch as sending.
 */
function releaseInTransaction(db: Db, actor: Actor, input: { batchId: number }) {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .update(messageBatches)
      .set({ status: 'sending', releasedAt: sql`now()` })
      .where(and(eq(messageBatches.id, input.batchId), eq(messageBatches.status, 'draft')))
      .returning({ id: messageBatches.id, channel: messageBatches.channel, templateId: messageBatches.templateId });
    if (!batch) {
      const [exists] = await tx.select({ id: messageBatches.id }).from(messageBatches).where(eq(messageBatches.id, input.batchId));
      return { ok: false as const, error: exists ? 'Este envío ya fue iniciado.' : 'Ese envío no existe.' };
    }
    const [template] = batch.templateId
      ? await tx.select().from(messageTemplates).where(eq(messageTemplates.id, batch.templateId))
      : [];
    if (!template) throw new RollbackWith<Refusal>({ ok: false, error: 'La plantilla de este envío ya no existe: prepare un nuevo envío.' });
    const [center] = await tx.select().from(centerSettings).where(eq(centerSettings.id, 1));
    const rows = rowsOf<DraftData>(
      await tx.execute(sql`
        select m.id, m.appointment_id, m.patient_id, p.last_name, p.first_name, p.dni, p.email, p.mobile, p.reminders_opt_in,
          a.starts_at, a.status as appointment_status, a.deleted_at,
          pr.last_name || ' ' || pr.first_name as professional,
          coalesce(nullif(s.web_name, ''), s.name) as specialty, st.name as study,
          coalesce(nullif(i.web_name, ''), i.name) as insurer
        from messages m
        join patients p on p.id = m.patient_id
        left join appointments a on a.id = m.appointment_id
        left join professionals pr on pr.id = a.professional_id
        left join specialties s on s.id = a.specialty_id
        left join studies st on st.id = a.study_id
        left join insurers i on i.id = case when m.appointment_id is null then p.insurer_id else a.insurer_id end
        where m.batch_id = ${batch.id} and m.status = 'draft'
        order by m.id`),
    );
    // The batch must not stay 'sending' with nothing in it.
    if (rows.length === 0) throw new RollbackWith<Refusal>({ ok: false, error: 'El listado está vacío: no hay nada para enviar.' });

    const compose = batch.channel === 'email' ? await reminderEmailComposer(centerContactOf(center), template) : null;
    const filled: Array<{ id: number; status: 'pending' | 'cancelled' | 'error'; recipient: string; subject: string; body_text: string; body_html: string | null; error: string | null }> = [];
    for (const r of rows) {
      const recipient = batch.channel === 'email' ? normalizeEmail(r.email) : normalizePhone(r.mobile);
      const skip =
        r.appointment_id !== null && (r.deleted_at !== null || r.appointment_status !== 'reserved')
          ? 'El turno fue cancelado o ya no está reservado: no se envió.'
          : !r.reminders_opt_in
            ? 'El paciente pidió no recibir recordatorios: no se envió.'
            : null;
      const invalid =
        batch.channel === 'email'
          ? isValidEmail(recipient) ? null : invalidEmailError(r.email)
          : isValidPhone(recipient) ? null : invalidPhoneError(r.mobile);
      if (skip || invalid) {
        filled.push({ id: Number(r.id), status: skip ? 'cancelled' : 'error', recipient, subject: '', body_text: '', body_html: null, error: skip ?? invalid });
        continue;
      }
      const person = { lastName: r.last_name, firstName: r.first_name, dni: r.dni, insurer: r.insurer };
      const values =
        r.appointment_id === null
          ? patientValues(person, center)
          : appointmentValues(
              { ...person, id: Number(r.appointment_id), patientId: r.patient_id, email: r.email, mobile: r.mobile, startsAt: new Date(r.starts_at!), professional: r.professional ?? '', specialty: r.specialty, study: r.study },
              center,
            );
      if (compose) {
        const mail = await compose(values);
        filled.push({ id: Number(r.id), status: 'pending', recipient, subject: mail.subject, body_text: mail.bodyText, body_html: mail.bodyHtml, error: null });
      } else {
        filled.push({ id: Number(r.id), status: 'pending', recipient, subject: '', body_text: renderTemplate(template.body, values), body_html: null, error: null });
      }
    }
    for (let i = 0; i < filled.length; i += FILL_CHUNK) {
      await tx.execute(sql`
        update messages m
        set status = r.status, recipient = r.recipient, subject = r.subject, body_text = r.body_text, body_html = r.body_html,
            error = r.error, next_attempt_at = now(), created_by_staff_id = ${actor.staffId}
        from json_to_recordset(${JSON.stringify(filled.slice(i, i + FILL_CHUNK))}::json) as r(
          id bigint, status message_status, recipient text, subject text, body_text text, body_html text, error text)
        where m.id = r.id and m.status = 'draft'`);
    }
    const queued = filled.filter((f) => f.status === 'pending').length;
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: 'message_batch.send',
      entity: 'message_batch',
      entityId: String(input.batchId),
      after: { count: filled.length, queued, notSent: filled.length - queued },
      ip: actor.ip,
    });
    return { ok: true as const, count: queued };
  });
}

/** "Descartar listado": a list never sent is deleted with its rows. */
export async function discardBatch(db: Db, actor: Actor, input: { batchId: number }): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .delete(messageBatches)
      .where(and(eq(messageBatches.id, input.batchId), eq(messageBatches.status, 'draft')))
      .returning({ id: messageBatches.id, filters: messageBatches.filters });
    if (!batch) return { ok: false as const, error: STARTED };
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: 'message_batch.discard',
      entity: 'message_batch',
      entityId: String(input.batchId),
      before: batch,
      ip: actor.ip,
    });
    return { ok: true as const };
  });
}
