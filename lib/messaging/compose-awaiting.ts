import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { messages, type CenterSettings, type Message } from '@/db/schema';
import { confirmationDraft, loadAppointmentDetails } from '@/lib/booking/notify';
import { getCenterSettings } from '@/lib/settings/center';
import { AWAITING_CONTENT_DUE, emailRow } from './outbox';

/**
 * Composing the outbox rows written without their content. A booking writes its confirmation in
 * its own statement (lib/booking/book.ts), so that the two commit together, but only its address
 * and its turno: rendering the email takes milliseconds, and a row of kilobytes costs the booking's
 * statement more than the rest of it. The worker composes each such row from its turno before
 * claiming (worker.ts, runWorkerOnce). Until then the row is not due (AWAITING_CONTENT_DUE), and
 * the claim skips rows still awaiting their content as well.
 *
 * Nothing is lost and nothing is sent twice: a row is composed by one conditional UPDATE
 * (`awaiting_content` still true), so two workers composing at once write it once; a worker that
 * dies mid-way leaves it awaiting, and the next poll composes it. A row that cannot be composed
 * ends in 'error' with the reason, in the send log.
 */

/** Rows composed per poll: a burst of bookings is composed over a few polls (the loop does not wait while there is more). */
export const COMPOSE_LIMIT = 200;

type Awaiting = Pick<Message, 'id' | 'kind' | 'appointmentId' | 'recipient' | 'createdByStaffId'>;
type Composed = Partial<Pick<Message, 'status' | 'error' | 'recipient' | 'subject' | 'bodyText' | 'bodyHtml' | 'attachments'>>;

/** The content of one awaiting row, or the reason it has none. */
async function contentOf(db: DbOrTx, center: CenterSettings, row: Awaiting): Promise<Composed> {
  const details = row.kind === 'booking_confirmation' && row.appointmentId !== null ? await loadAppointmentDetails(db, row.appointmentId) : null;
  if (!details) return { status: 'error', error: 'No se pudo preparar el mensaje: no se encontró su turno.' };
  let draft;
  try {
    // Addressed when the booking was written: to the email the patient had then.
    draft = await confirmationDraft(center, { ...details, patient: { ...details.patient, email: row.recipient } }, row.createdByStaffId);
  } catch (error) {
    return { status: 'error', error: `No se pudo preparar el mensaje: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000) };
  }
  if (!draft) return { status: 'error', error: 'No se pudo preparar el mensaje: el paciente no tiene email.' };
  const { recipient, subject, bodyText, bodyHtml, attachments, status, error } = emailRow(draft);
  return { recipient, subject, bodyText, bodyHtml, attachments, status, error };
}

/**
 * Composes up to `limit` rows awaiting their content, oldest first. Returns how many it wrote;
 * `more` says whether rows were left for the next call.
 */
export async function composeAwaitingMessages(db: DbOrTx, limit = COMPOSE_LIMIT): Promise<{ composed: number; more: boolean }> {
  // Through messages_due_idx: awaiting rows are pending, and the only ones due so late.
  const rows = await db
    .select({ id: messages.id, kind: messages.kind, appointmentId: messages.appointmentId, recipient: messages.recipient, createdByStaffId: messages.createdByStaffId })
    .from(messages)
    .where(and(eq(messages.status, 'pending'), gte(messages.nextAttemptAt, AWAITING_CONTENT_DUE), eq(messages.awaitingContent, true)))
    .orderBy(asc(messages.id))
    .limit(limit + 1);
  if (rows.length === 0) return { composed: 0, more: false };
  const center = await getCenterSettings(db);
  let composed = 0;
  for (const row of rows.slice(0, limit)) {
    const content = await contentOf(db, center, row);
    const written = await db
      .update(messages)
      .set({ ...content, awaitingContent: false, nextAttemptAt: sql`now()` })
      .where(and(eq(messages.id, row.id), eq(messages.awaitingContent, true)))
      .returning({ id: messages.id });
    composed += written.length;
  }
  return { composed, more: rows.length > limit };
}
