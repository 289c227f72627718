import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import type { Message } from '@/db/schema';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds, withRetries } from './retry';
import { toTransportError, type MailTransport, type SendResult } from './transports/types';
import type { DeliverOptions } from './worker';

/**
 * Delivering a delivery group (messages.delivery_group): mail that travels in one provider
 * request, Resend's POST /emails/batch. The group was persisted in the same transaction as its
 * claim, before anything was sent, and every write below covers the whole group in one statement,
 * so its members always move together: all 'sending' under one lock, all back to 'pending' with one
 * next attempt, or each with its final result. A takeover of an expired claim therefore re-sends
 * exactly the same members, in the same order, under the same Idempotency-Key, and Resend answers
 * that repeated request with the ids of the first one instead of sending again.
 */

export interface GroupOutcome {
  sent: number;
  retried: number;
  failed: number;
  lost: number;
}

/** The Idempotency-Key of a group's request: its leader's row, like a single send's key. */
export function groupKeyOf(leader: Pick<Message, 'id' | 'createdAt'>): string {
  return `turnos-lote-${leader.id}-${leader.createdAt.getTime().toString(36)}`;
}

interface RowResult {
  id: number;
  /** The claim's fencing token (worker.ts header). */
  attempts: number;
  status: 'sent' | 'pending' | 'error';
  provider_message_id: string | null;
  error: string | null;
}

const MAX_ERROR_LENGTH = 1000;

/**
 * Writes the results of a group in one statement, each row fenced by its claim's `attempts`.
 * `delaySeconds` = when 'pending' rows are due again (null: unchanged, for a release).
 * Returns how many rows were still ours.
 */
async function recordGroup(
  db: DbOrTx,
  provider: string | null,
  rows: RowResult[],
  options: { delaySeconds?: number | null; release?: boolean } = {},
): Promise<number> {
  const delay = options.delaySeconds ?? null;
  const written = rowsOf(
    await db.execute(sql`
      update messages m
      set status = r.status::message_status,
          provider = coalesce(${provider}::text, m.provider),
          provider_message_id = case when r.status = 'sent' then r.provider_message_id else m.provider_message_id end,
          error = case when ${options.release ?? false}::boolean then m.error else r.error end,
          sent_at = case when r.status = 'sent' then now() else m.sent_at end,
          next_attempt_at = case when r.status = 'pending' and ${delay}::float8 is not null
                                 then now() + make_interval(secs => ${delay}::float8) else m.next_attempt_at end,
          attempts = case when ${options.release ?? false}::boolean then m.attempts - 1 else m.attempts end,
          locked_until = null
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(id bigint, attempts int, status text, provider_message_id text, error text)
      where m.id = r.id and m.status = 'sending' and m.attempts = r.attempts
      returning m.id`),
  );
  return written.length;
}

const rowOf = (m: Message, status: RowResult['status'], fields: Partial<RowResult> = {}): RowResult => ({
  id: m.id,
  attempts: m.attempts,
  status,
  provider_message_id: null,
  error: null,
  ...fields,
});

/** Hands a claimed group back unsent (its lock is close to expiring); it stays a group. */
export async function releaseGroup(db: DbOrTx, members: Message[]): Promise<number> {
  return recordGroup(db, null, members.map((m) => rowOf(m, 'pending')), { release: true });
}

/** Sends a claimed group in one request and records every member's result. */
export async function deliverGroup(
  db: DbOrTx,
  members: Message[],
  transport: MailTransport,
  options: DeliverOptions = {},
): Promise<GroupOutcome> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? console.warn;
  const n = members.length;
  const attempt = Math.max(...members.map((m) => m.attempts));
  const outcome = (written: number, key: 'sent' | 'retried' | 'failed'): GroupOutcome => ({
    sent: 0,
    retried: 0,
    failed: 0,
    [key]: written,
    lost: n - written,
  });

  if (attempt > policy.maxAttempts) {
    // Only reachable when workers died mid-send over and over: sending again could duplicate.
    const text = `El envío se interrumpió ${attempt - 1} veces sin confirmar el resultado; no se reintenta.`;
    return outcome(await recordGroup(db, null, members.map((m) => rowOf(m, 'error', { error: text }))), 'failed');
  }

  const leader = members[0];
  let results: (SendResult | { error: Error })[];
  try {
    results = await transport.sendBatch!(
      members.map((m) => ({
        id: m.id,
        to: m.recipient,
        subject: m.subject,
        text: m.bodyText,
        html: m.bodyHtml,
        attachments: [],
        idempotencyKey: groupKeyOf(leader),
      })),
      groupKeyOf(leader),
    );
  } catch (thrown) {
    const error = toTransportError(thrown);
    const text = error.message.slice(0, MAX_ERROR_LENGTH);
    if (error.permanent || attempt >= policy.maxAttempts) {
      const reason = error.permanent ? text : `${text} (sin éxito tras ${attempt} intentos)`;
      const written = await recordGroup(db, transport.name, members.map((m) => rowOf(m, 'error', { error: reason })));
      return outcome(written, 'failed');
    }
    const delaySeconds = retryDelaySeconds(attempt, policy, error.retryAfterSeconds);
    const written = await recordGroup(db, transport.name, members.map((m) => rowOf(m, 'pending', { error: text })), { delaySeconds });
    return outcome(written, 'retried');
  }

  const rows = members.map((m, i) => {
    const result = results[i];
    return 'error' in result
      ? rowOf(m, 'error', { error: result.error.message.slice(0, MAX_ERROR_LENGTH) })
      : rowOf(m, 'sent', { provider_message_id: result.providerMessageId });
  });
  const written = await withRetries(() => recordGroup(db, transport.name, rows));
  if (written < n) log(`[outbox] group ${leader.id} was sent, but ${n - written} of its claims had been taken over`);
  const failed = rows.filter((r) => r.status === 'error').length;
  // All or none of the rows are written (one statement, one claim).
  return written === n ? { sent: n - failed, retried: 0, failed, lost: 0 } : { sent: 0, retried: 0, failed: 0, lost: n };
}
