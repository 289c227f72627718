import { asc, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rowsOf } from '@/db/client';
import { messages, type Message } from '@/db/schema';

/** Claiming due messages for delivery: see the overview in worker.ts's header. */

export interface ClaimOptions {
  /** At most this many messages per claim; a delivery group counts as one. */
  limit?: number;
  /** How long the claim holds before another worker may take it over (a crashed worker's). */
  lockSeconds?: number;
  /** For logs; the schema has no column for the claiming worker. */
  workerId?: string;
  /**
   * The mail transport sends batches (Resend): group the newly claimed mail in the same
   * transaction as the claim. Without it (a transport that cannot batch), claimed groups are
   * dissolved and their mail is sent one by one.
   */
  grouping?: Grouping;
}

export interface Grouping {
  /** The transport's name: rows already tried alone on it keep going alone (their own key). */
  provider: string;
  size: number;
}

export const DEFAULT_CLAIM_LIMIT = 10;
/** With a batching transport: a few requests' worth per claim (at 2 requests/s, a few seconds). */
export const DEFAULT_GROUPED_CLAIM_LIMIT = 500;
/** Generous against the transports' timeouts (SMTP 20+15+45 s, Resend 30 s): see worker.ts header. */
export const DEFAULT_LOCK_SECONDS = 300;
/** A bigint[] parameter that both drivers (postgres.js, PGlite) pass the same way. */
export const idArray = (ids: number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

/**
 * Claims due messages. A delivery group is claimed whole, through its leader: only ungrouped rows
 * and leaders compete for the SKIP LOCKED claim, and the leader's claim takes its members along,
 * so two workers never hold parts of one group and a retry is always the identical request.
 */
export async function claimDueMessages(db: DbOrTx, options: ClaimOptions = {}): Promise<Message[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_CLAIM_LIMIT));
  const lockSeconds = Math.max(1, options.lockSeconds ?? DEFAULT_LOCK_SECONDS);
  return db.transaction(async (tx) => {
    // MATERIALIZED keeps the locking subqueries from being inlined and evaluated more than once.
    const claimed = rowsOf<{ id: number | string }>(
      await tx.execute(sql`
        with due as materialized (
          select id from messages
          where ((status = 'pending' and next_attempt_at <= now())
              or (status = 'sending' and locked_until < now()))
            and (delivery_group is null or delivery_group = id)
            and not awaiting_content
          order by next_attempt_at, id
          limit ${limit}
          for update skip locked
        ),
        members as materialized (
          select m.id from messages m join due on m.delivery_group = due.id
          where m.id <> due.id and m.status in ('pending', 'sending')
          for update of m
        )
        update messages m
        set status = 'sending',
            locked_until = now() + make_interval(secs => ${lockSeconds}::float8),
            attempts = m.attempts + 1
        from (select id from due union all select id from members) c
        where m.id = c.id
        returning m.id`),
    );
    if (claimed.length === 0) return [];
    const ids = claimed.map((row) => Number(row.id));
    if (!options.grouping) {
      await tx.execute(sql`update messages set delivery_group = null where id = any(${idArray(ids)}) and delivery_group is not null`);
    } else if (options.grouping.size > 1) {
      // Groups formed earlier (even larger ones) stay as they are: a retry must be the same request.
      await formGroups(tx, ids, options.grouping);
    }
    return tx
      .select()
      .from(messages)
      .where(inArray(messages.id, ids))
      .orderBy(asc(messages.nextAttemptAt), asc(messages.id));
  });
}

/**
 * Groups the claimed mail that may travel in a batch: email, no attachments, not grouped yet, and
 * never tried alone on this provider (its single-send key might already have been used: sending
 * it again in a batch could duplicate it). Chunks of `size` in id order; the leader is the first.
 */
async function formGroups(tx: DbOrTx, ids: number[], grouping: Grouping): Promise<void> {
  await tx.execute(sql`
    update messages m set delivery_group = g.leader
    from (
      select id, min(id) over (partition by (rn - 1) / ${grouping.size}::int) as leader
      from (
        select id, row_number() over (order by id) as rn from messages
        where id = any(${idArray(ids)}) and channel = 'email' and delivery_group is null
          and attachments is null
          and (attempts = 1 or (provider is not null and provider <> ${grouping.provider}))
      ) batchable
    ) g
    where m.id = g.id`);
}
