import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { messages, type Message } from '@/db/schema';
import { log as serverLog } from '@/lib/server/log';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds, type RetryPolicy } from './retry';
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
 * - The remaining window is at-least-once: if the process dies (or the database is unreachable)
 *   after the provider accepted a message and before 'sent' is recorded, the row stays 'sending'
 *   until `locked_until` passes, and another worker sends it again. For Resend the outbox id is
 *   the Idempotency-Key (kept 24 h by Resend), so that retry returns the first result instead of
 *   a second mail. SMTP has no such key: the duplicate carries the same Message-ID (derived from
 *   the outbox id), which lets mailboxes that deduplicate by Message-ID show it once. The window
 *   is kept small: sends are bounded by timeouts well inside the lock, the 'sent' write is retried,
 *   and a batch stops taking new messages when its lock is close to expiring.
 */

export interface ClaimOptions {
  /** At most this many messages per claim. */
  limit?: number;
  /** How long the claim holds before another worker may take it over (a crashed worker's). */
  lockSeconds?: number;
  /** For logs; the schema has no column for the claiming worker. */
  workerId?: string;
}

export const DEFAULT_CLAIM_LIMIT = 10;
/** Generous against the transports' timeouts (SMTP 20+15+45 s, Resend 30 s): see worker.ts header. */
export const DEFAULT_LOCK_SECONDS = 300;
/** A batch stops starting new sends when less than this remains of its lock. */
const SEND_BUDGET_SECONDS = 120;
const MAX_ERROR_LENGTH = 1000;

export async function claimDueMessages(db: DbOrTx, options: ClaimOptions = {}): Promise<Message[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_CLAIM_LIMIT));
  const lockSeconds = Math.max(1, options.lockSeconds ?? DEFAULT_LOCK_SECONDS);
  // MATERIALIZED keeps the locking subquery from being inlined and evaluated more than once.
  const claimed = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      with due as materialized (
        select id from messages
        where (status = 'pending' and next_attempt_at <= now())
           or (status = 'sending' and locked_until < now())
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      )
      update messages m
      set status = 'sending',
          locked_until = now() + make_interval(secs => ${lockSeconds}::float8),
          attempts = m.attempts + 1
      from due
      where m.id = due.id
      returning m.id`),
  );
  if (claimed.length === 0) return [];
  const ids = claimed.map((row) => Number(row.id));
  return db
    .select()
    .from(messages)
    .where(inArray(messages.id, ids))
    .orderBy(asc(messages.nextAttemptAt), asc(messages.id));
}

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

async function withRetries<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * i));
    }
  }
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
}

export type TransportSource = Transports | ((db: DbOrTx) => Promise<Transports>);

export interface RunOptions extends ClaimOptions, DeliverOptions {}

async function release(db: DbOrTx, message: Message): Promise<boolean> {
  return updateFenced(db, message, { status: 'pending', lockedUntil: null, attempts: message.attempts - 1 });
}

/** One poll: claim what is due, deliver it one by one, record each result. */
export async function runWorkerOnce(
  db: DbOrTx,
  source: TransportSource,
  options: RunOptions = {},
): Promise<WorkerRunResult> {
  const log = options.log ?? ((line: string) => serverLog.warn(line));
  const lockSeconds = options.lockSeconds ?? DEFAULT_LOCK_SECONDS;
  const result: WorkerRunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, released: 0, lost: 0 };
  // Resolved before claiming: a broken configuration becomes a transport whose sends fail
  // with the reason, so it shows in the send log instead of leaving rows claimed.
  const transports = typeof source === 'function' ? await source(db) : source;

  const startedAt = performance.now();
  const claimed = await claimDueMessages(db, { ...options, lockSeconds });
  result.claimed = claimed.length;
  const sendUntil = startedAt + Math.max(lockSeconds * 500, (lockSeconds - SEND_BUDGET_SECONDS) * 1000);

  for (const message of claimed) {
    try {
      if (performance.now() > sendUntil) {
        if (await release(db, message)) result.released++;
        else result.lost++;
        continue;
      }
      const outcome = await deliverClaimed(db, message, transports, options);
      if (outcome === 'sent') result.sent++;
      else if (outcome === 'retry') result.retried++;
      else if (outcome === 'failed') result.failed++;
      else result.lost++;
    } catch (error) {
      // The database failed while recording: the row stays claimed and is retried after its lock.
      result.lost++;
      log(`[outbox] message #${message.id}: could not record the result: ${errorText(error)}`);
    }
  }
  return result;
}
