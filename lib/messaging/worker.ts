import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { messages, type Message } from '@/db/schema';
import { claimDueMessages, DEFAULT_CLAIM_LIMIT, DEFAULT_GROUPED_CLAIM_LIMIT, DEFAULT_LOCK_SECONDS, type ClaimOptions } from './claim';
import { composeAwaitingMessages } from './compose-awaiting';
import { deliverGroup, releaseGroup } from './delivery-groups';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds, withRetries, type RetryPolicy } from './retry';
import { log as serverLog } from '@/lib/server/log';
import {
  toTransportError,
  type MessageAttachment,
  type OutgoingEmail,
  type OutgoingSms,
  type SendResult,
  type Transports,
} from './transports/types';

/**
 * Delivering the outbox. How close this gets to "exactly once" (DESIGN.md invariant 6):
 *
 * - Claiming is one statement, `FOR UPDATE SKIP LOCKED`: two workers (two processes, two app
 *   instances) never claim the same row. A claim sets status 'sending', `locked_until`, and
 *   increments `attempts`, which then serves as a fencing token: every later write of that
 *   worker requires `attempts` unchanged, so a worker that lost its claim cannot overwrite the
 *   result of the one that took it over.
 * - A message becomes 'sent' only after the provider accepted it. Nothing is sent inside a
 *   database transaction, and no lock is held while talking to the provider.
 * - Resend: mail without attachments travels in batches of up to 100 (POST /emails/batch, one
 *   request per 100 against the 2 requests/s limit). The batch's members are persisted
 *   (messages.delivery_group) in the transaction that claims them, before anything is sent; a
 *   group is only ever claimed, sent and recorded whole (delivery-groups.ts). Its Idempotency-Key
 *   derives from its first row and its body only from its rows and the sender, so after a crash
 *   the takeover repeats the identical request and Resend (keys kept 24 h) answers it with the
 *   ids of the first one instead of sending again. Mail sent alone uses its own row's key the
 *   same way. If the request changed meanwhile (the admin changed "De"), Resend answers 409 and
 *   the rows end in 'error' rather than risk a second copy under a new key.
 * - SMTP has no such key, and this window cannot be closed from our side: if the server answered
 *   250 to DATA (it accepted the mail) and the process dies, or the database is unreachable,
 *   before 'sent' is written, the row stays 'sending' until `locked_until` passes and another
 *   worker sends it again: at-least-once, one duplicate per crash at most (sends are sequential,
 *   so only the mail in hand is exposed). The duplicate carries the same Message-ID (derived from
 *   the outbox id), which lets mailboxes that deduplicate by Message-ID show it once. A crash
 *   before the 250 is not a duplicate: the server did not accept the mail, and it goes again
 *   once (tests/integration/messaging-sigkill.test.ts kills the worker there).
 * - The window is kept small: sends are bounded by timeouts well inside the lock, the 'sent'
 *   write is retried, and a poll stops starting new sends when its lock is close to expiring.
 */

export {
  claimDueMessages,
  DEFAULT_CLAIM_LIMIT,
  DEFAULT_GROUPED_CLAIM_LIMIT,
  DEFAULT_LOCK_SECONDS,
  type ClaimOptions,
  type Grouping,
} from './claim';

/** A poll stops starting new sends when less than this remains of its lock. */
const SEND_BUDGET_SECONDS = 120;
const MAX_ERROR_LENGTH = 1000;

/** Drizzle wraps driver errors (STACK.md trap 7): the cause says what actually failed. */
export function errorText(error: unknown): string {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'lost';

export interface DeliverOptions {
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

/** The key a provider sees for this outbox row; the created-at part keeps it unique across a database reset. */
export function idempotencyKeyOf(message: Pick<Message, 'id' | 'createdAt'>): string {
  return `turnos-${message.id}-${message.createdAt.getTime().toString(36)}`;
}

function attachmentsOf(value: unknown): MessageAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (a): a is MessageAttachment =>
      typeof a?.filename === 'string' && typeof a?.contentType === 'string' && typeof a?.content === 'string',
  );
}

function send(message: Message, transports: Transports): { provider: string; result: Promise<SendResult> } {
  const idempotencyKey = idempotencyKeyOf(message);
  if (message.channel === 'sms') {
    const sms: OutgoingSms = { id: message.id, to: message.recipient, text: message.bodyText, idempotencyKey };
    return { provider: transports.sms.name, result: Promise.resolve().then(() => transports.sms.send(sms)) };
  }
  const email: OutgoingEmail = {
    id: message.id,
    to: message.recipient,
    subject: message.subject,
    text: message.bodyText,
    html: message.bodyHtml,
    attachments: attachmentsOf(message.attachments),
    idempotencyKey,
  };
  return { provider: transports.email.name, result: Promise.resolve().then(() => transports.email.send(email)) };
}

/** This worker's claim on the row is still the current one (see the fencing note above). */
const stillOurs = (message: Message) =>
  and(eq(messages.id, message.id), eq(messages.status, 'sending'), eq(messages.attempts, message.attempts));

async function updateFenced(db: DbOrTx, message: Message, values: PgUpdateSetSource<typeof messages>) {
  const rows = await db.update(messages).set(values).where(stillOurs(message)).returning({ id: messages.id });
  return rows.length === 1;
}

/**
 * Sends one claimed message and records the result: 'sent', back to 'pending' with a later
 * `next_attempt_at` (transient failure), or 'error' (permanent failure, or out of attempts).
 * 'lost' = another worker took the claim over meanwhile; nothing was written.
 */
export async function deliverClaimed(
  db: DbOrTx,
  message: Message,
  transports: Transports,
  options: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? ((line: string) => serverLog.warn(line));

  if (message.attempts > policy.maxAttempts) {
    // Only reachable when workers died mid-send over and over: sending again could duplicate.
    const ok = await updateFenced(db, message, {
      status: 'error',
      lockedUntil: null,
      error: `El envío se interrumpió ${message.attempts - 1} veces sin confirmar el resultado; no se reintenta.`,
    });
    return ok ? 'failed' : 'lost';
  }

  const { provider, result } = send(message, transports);
  let sent: SendResult;
  try {
    sent = await result;
  } catch (thrown) {
    const error = toTransportError(thrown);
    const text = error.message.slice(0, MAX_ERROR_LENGTH);
    if (error.permanent || message.attempts >= policy.maxAttempts) {
      const ok = await updateFenced(db, message, {
        status: 'error',
        provider,
        lockedUntil: null,
        error: error.permanent ? text : `${text} (sin éxito tras ${message.attempts} intentos)`,
      });
      return ok ? 'failed' : 'lost';
    }
    const delay = retryDelaySeconds(message.attempts, policy, error.retryAfterSeconds);
    const ok = await updateFenced(db, message, {
      status: 'pending',
      provider,
      lockedUntil: null,
      error: text,
      nextAttemptAt: sql`now() + make_interval(secs => ${delay}::float8)`,
    });
    return ok ? 'retry' : 'lost';
  }

  const ok = await withRetries(() =>
    updateFenced(db, message, {
      status: 'sent',
      provider,
      providerMessageId: sent.providerMessageId,
      sentAt: sql`now()`,
      lockedUntil: null,
      error: null,
    }),
  );
  if (!ok) log(`[outbox] message #${message.id} was sent, but its claim had been taken over: it may be sent twice`);
  return ok ? 'sent' : 'lost';
}

export interface WorkerRunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but handed back unsent because the claim was about to expire. */
  released: number;
  /** Taken over by another worker, or the result could not be recorded (see the header note). */
  lost: number;
  /** Rows whose content was composed before the claim (compose-awaiting.ts). */
  composed: number;
  /** More rows await their content than one poll composes: poll again without pausing. */
  composeBacklog: boolean;
}

export type TransportSource = Transports | ((db: DbOrTx) => Promise<Transports>);

export interface RunOptions extends Omit<ClaimOptions, 'grouping'>, DeliverOptions {
  /** Mails per batch request, at most the transport's own maximum (Resend: 100). */
  batchSize?: number;
}

async function release(db: DbOrTx, message: Message): Promise<boolean> {
  return updateFenced(db, message, { status: 'pending', lockedUntil: null, attempts: message.attempts - 1 });
}

/** What one claim is delivered as: whole groups (one request each) and single messages. */
function unitsOf(claimed: Message[], grouped: boolean): (Message | Message[])[] {
  const units: (Message | Message[])[] = [];
  const groups = new Map<number, Message[]>();
  for (const message of claimed) {
    if (!grouped || message.deliveryGroup === null) {
      units.push(message);
      continue;
    }
    let group = groups.get(message.deliveryGroup);
    if (!group) {
      group = [];
      groups.set(message.deliveryGroup, group);
      units.push(group);
    }
    group.push(message);
  }
  for (const group of groups.values()) group.sort((a, b) => a.id - b.id);
  return units;
}

/** One poll: claim what is due, deliver it (groups in one request each), record each result. */
export async function runWorkerOnce(
  db: DbOrTx,
  source: TransportSource,
  options: RunOptions = {},
): Promise<WorkerRunResult> {
  const log = options.log ?? ((line: string) => serverLog.warn(line));
  const lockSeconds = options.lockSeconds ?? DEFAULT_LOCK_SECONDS;
  const result: WorkerRunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, released: 0, lost: 0, composed: 0, composeBacklog: false };
  // Rows written awaiting their content (a booking's confirmation) become claimable here.
  const composing = await composeAwaitingMessages(db);
  result.composed = composing.composed;
  result.composeBacklog = composing.more;
  // Resolved before claiming: a broken configuration becomes a transport whose sends fail
  // with the reason, so it shows in the send log instead of leaving rows claimed.
  const transports = typeof source === 'function' ? await source(db) : source;
  const mail = transports.email;
  const grouping =
    mail.sendBatch && (mail.maxBatchSize ?? 0) > 1
      ? { provider: mail.name, size: Math.min(mail.maxBatchSize!, options.batchSize ?? mail.maxBatchSize!) }
      : undefined;

  const startedAt = performance.now();
  const limit = options.limit ?? (grouping ? DEFAULT_GROUPED_CLAIM_LIMIT : DEFAULT_CLAIM_LIMIT);
  const claimed = await claimDueMessages(db, { ...options, limit, lockSeconds, grouping });
  result.claimed = claimed.length;
  const sendUntil = startedAt + Math.max(lockSeconds * 500, (lockSeconds - SEND_BUDGET_SECONDS) * 1000);

  for (const unit of unitsOf(claimed, grouping !== undefined)) {
    const size = Array.isArray(unit) ? unit.length : 1;
    try {
      if (performance.now() > sendUntil) {
        const released = Array.isArray(unit) ? await releaseGroup(db, unit) : Number(await release(db, unit));
        result.released += released;
        result.lost += size - released;
        continue;
      }
      if (Array.isArray(unit)) {
        const outcome = await deliverGroup(db, unit, mail, options);
        result.sent += outcome.sent;
        result.retried += outcome.retried;
        result.failed += outcome.failed;
        result.lost += outcome.lost;
        continue;
      }
      const outcome = await deliverClaimed(db, unit, transports, options);
      if (outcome === 'sent') result.sent++;
      else if (outcome === 'retry') result.retried++;
      else if (outcome === 'failed') result.failed++;
      else result.lost++;
    } catch (error) {
      // The database failed while recording: the rows stay claimed and are retried after their lock.
      result.lost += size;
      const first = Array.isArray(unit) ? unit[0] : unit;
      log(`[outbox] message ${first.id}${size > 1 ? ` (group of ${size})` : ''}: could not record the result: ${errorText(error)}`);
    }
  }
  return result;
}
