import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { loginAttempts } from '@/db/schema';

export type LoginScope = 'patient' | 'staff';

export interface ThrottleLimits {
  windowMinutes: number;
  /** Failed attempts on one account (since its last success) within the window. */
  maxPerAccount: number;
  /** Failed attempts from one IP, on any account, within the window. */
  maxPerIp: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMinutes: 15, maxPerAccount: 5, maxPerIp: 20 };

export interface AttemptCounts {
  /** Counting the attempt being decided. */
  accountFailures: number;
  ipFailures: number;
}

/** Attempt number maxPerAccount + 1 on an account (or maxPerIp + 1 from an IP) is refused. */
export function isThrottled(counts: AttemptCounts, limits: ThrottleLimits = DEFAULT_THROTTLE): boolean {
  return counts.accountFailures > limits.maxPerAccount || counts.ipFailures > limits.maxPerIp;
}

/**
 * The caller's address. The right-most X-Forwarded-For entry is the one added by the nearest
 * proxy (Next.js itself fills the header from the socket when there is no proxy); entries to its
 * left are whatever the client claimed.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return (last || headers.get('x-real-ip')?.trim() || 'unknown').slice(0, 100);
}

export interface AttemptKey {
  scope: LoginScope;
  /** Normalised: digits of the DNI, lower-case username. Unknown accounts count too. */
  identifier: string;
  ip: string;
}

export type AttemptStart = { throttled: true } | { throttled: false; attemptId: number };

/**
 * Records the attempt as failed *before* checking the password, then counts. Every attempt is
 * visible to concurrent ones before any of them verifies, so N parallel guesses cannot slip past
 * the limit, on any number of app instances. A refused attempt is removed again: waiting out the
 * window is enough, hammering does not extend it.
 */
export async function beginLoginAttempt(
  db: DbOrTx,
  key: AttemptKey,
  limits: ThrottleLimits = DEFAULT_THROTTLE,
): Promise<AttemptStart> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ scope: key.scope, identifier: key.identifier, ip: key.ip, succeeded: false })
    .returning({ id: loginAttempts.id });
  const counts = await countFailures(db, key, limits.windowMinutes);
  if (isThrottled(counts, limits)) {
    await db.delete(loginAttempts).where(eq(loginAttempts.id, row.id));
    return { throttled: true };
  }
  return { throttled: false, attemptId: row.id };
}

/** `succeeded` = the password was right (even if the account then turned out inactive). */
export async function finishLoginAttempt(db: DbOrTx, attemptId: number, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}

export async function countFailures(db: DbOrTx, key: AttemptKey, windowMinutes: number): Promise<AttemptCounts> {
  const since = sql`now() - make_interval(mins => ${windowMinutes})`;
  const result = await db.execute(sql`
    select
      (select count(*)::int from ${loginAttempts} a
        where a.scope = ${key.scope} and a.identifier = ${key.identifier}
          and not a.succeeded and a.attempted_at > ${since}
          and a.attempted_at > coalesce(
            (select max(s.attempted_at) from ${loginAttempts} s
              where s.scope = ${key.scope} and s.identifier = ${key.identifier}
                and s.succeeded and s.attempted_at > ${since}),
            '-infinity'::timestamptz)
      ) as account_failures,
      (select count(*)::int from ${loginAttempts} a
        where a.ip = ${key.ip} and not a.succeeded and a.attempted_at > ${since}
      ) as ip_failures`);
  const [counts] = rowsOf<{ account_failures: number; ip_failures: number }>(result);
  return { accountFailures: Number(counts.account_failures), ipFailures: Number(counts.ip_failures) };
}
