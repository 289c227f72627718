import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { loginAttempts } from '@/db/schema';
import { pruneRateLimitEvents } from '@/lib/accounts/rate-limit';

/** Old login attempts only matter for the throttle's window (15 minutes). Returns rows deleted. */
export async function pruneLoginAttempts(db: DbOrTx, olderThanHours = 24): Promise<number> {
  const deleted = await db
    .delete(loginAttempts)
    .where(sql`${loginAttempts.attemptedAt} < now() - make_interval(hours => ${olderThanHours})`)
    .returning({ id: loginAttempts.id });
  return deleted.length;
}

/**
 * Deletes the rows that only matter for a short window once they no longer can: the login
 * throttle's attempts (window 15 minutes) and the registration, reset and e-mail change limits
 * (windows of 60 minutes), each kept 24 hours. Without it both tables grow with every attempt.
 * Run by every outbox worker (lib/messaging/worker-loop.ts) once an hour; safe on several at once.
 */
export async function pruneExpiredRows(db: DbOrTx): Promise<{ loginAttempts: number; rateLimitEvents: number }> {
  return { loginAttempts: await pruneLoginAttempts(db), rateLimitEvents: await pruneRateLimitEvents(db) };
}
