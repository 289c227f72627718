import 'server-only';
import { and, desc, eq, ilike, lt, ne, or, sql } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { appointments, messages, patients, professionals, staffUsers } from '@/db/schema';
import { addDaysToDate } from '@/lib/availability/slots';
import { foldedContainsEveryWord } from '@/lib/search/fold';
import { containsPattern } from '@/lib/search/like';
import type { SendLogFilters } from './send-log-filters';

export type { SendLogFilters } from './send-log-filters';

export const SEND_LOG_PAGE = 50;

/**
 * The send date: when the provider accepted the message, or, for one never sent (pending, error,
 * draft, cancelled), when it was written to the outbox. One column for the filter and the table, so
 * "Sin Enviar" rows still fall inside the date range the staff asked for.
 */
const sendDate = sql<Date>`coalesce(${messages.sentAt}, ${messages.createdAt})`;

export interface SendLogRow {
  id: number;
  /** sentAt, or createdAt when never sent (sent tells which). */
  at: Date;
  sent: boolean;
  status: (typeof messages.$inferSelect)['status'];
  channel: 'email' | 'sms';
  kind: (typeof messages.$inferSelect)['kind'];
  /** The staff user's username, or null for automatic messages (confirmations, reminders...). */
  staffUsername: string | null;
  patientName: string | null;
  recipient: string;
  subject: string;
  bodyText: string;
  /** Written with its turno, not yet composed by the worker (compose-awaiting.ts): seconds at most. */
  awaitingContent: boolean;
  error: string | null;
  attempts: number;
  appointmentStartsAt: Date | null;
  professionalName: string | null;
}

/**
 * REGISTRO DE ENVIOS: every mail and SMS, newest first, one page at a time (keyset on id, which
 * follows creation order: fast however long the log grows).
 */
export async function listSendLog(
  db: DbOrTx,
  f: SendLogFilters,
  timeZone: string,
): Promise<{ rows: SendLogRow[]; nextBefore: number | null }> {
  const like = f.text ? containsPattern(f.text) : undefined;
  const dni = f.text && /^[\d.\s]{6,12}$/.test(f.text) ? f.text.replace(/\D/g, '') : undefined;
  const rows = await db
    .select({
      id: messages.id,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
      status: messages.status,
      channel: messages.channel,
      kind: messages.kind,
      staffUsername: staffUsers.username,
      patientLastName: patients.lastName,
      patientFirstName: patients.firstName,
      recipient: messages.recipient,
      subject: messages.subject,
      bodyText: messages.bodyText,
      awaitingContent: messages.awaitingContent,
      error: messages.error,
      attempts: messages.attempts,
      appointmentStartsAt: appointments.startsAt,
      professionalLastName: professionals.lastName,
      professionalFirstName: professionals.firstName,
    })
    .from(messages)
    .leftJoin(staffUsers, eq(staffUsers.id, messages.createdByStaffId))
    .leftJoin(patients, eq(patients.id, messages.patientId))
    .leftJoin(appointments, eq(appointments.id, messages.appointmentId))
    .leftJoin(professionals, eq(professionals.id, appointments.professionalId))
    .where(
      and(
        // A list of ENVIAR MAIL/SMS not yet sent is not a send: it shows on its own page.
        ne(messages.status, 'draft'),
        f.from ? sql`${sendDate} >= ${fromZonedTime(`${f.from}T00:00:00`, timeZone).toISOString()}::timestamptz` : undefined,
        f.to
          ? sql`${sendDate} < ${fromZonedTime(`${addDaysToDate(f.to, 1)}T00:00:00`, timeZone).toISOString()}::timestamptz`
          : undefined,
        f.channel ? eq(messages.channel, f.channel) : undefined,
        f.state === 'sent' ? eq(messages.status, 'sent') : f.state === 'unsent' ? ne(messages.status, 'sent') : undefined,
        like
          ? or(
              ilike(messages.recipient, like),
              foldedContainsEveryWord(sql`${patients.lastName} || ' ' || ${patients.firstName}`, f.text!),
              dni ? eq(patients.dni, dni) : undefined,
            )
          : undefined,
        f.before ? lt(messages.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(SEND_LOG_PAGE + 1);
  const page = rows.slice(0, SEND_LOG_PAGE).map(
    (r): SendLogRow => ({
      id: r.id,
      at: r.sentAt ?? r.createdAt,
      sent: r.status === 'sent',
      status: r.status,
      channel: r.channel,
      kind: r.kind,
      staffUsername: r.staffUsername,
      patientName: r.patientLastName ? `${r.patientLastName}, ${r.patientFirstName}` : null,
      recipient: r.recipient,
      subject: r.subject,
      bodyText: r.bodyText,
      awaitingContent: r.awaitingContent,
      error: r.error,
      attempts: r.attempts,
      appointmentStartsAt: r.appointmentStartsAt,
      professionalName: r.professionalLastName ? `${r.professionalLastName}, ${r.professionalFirstName}` : null,
    }),
  );
  return { rows: page, nextBefore: rows.length > SEND_LOG_PAGE ? page[SEND_LOG_PAGE - 1].id : null };
}
