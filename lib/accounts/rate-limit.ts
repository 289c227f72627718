import { eq, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { rateLimitEvents } from '@/db/schema';

export interface RateLimit {
  bucket: string;
  max: number;
  windowMinutes: number;
}

/**
 * Limits on the public forms that make the center send mail. Per IP: a clinic's Wi-Fi or a mobile
 * carrier's shared address serves many honest people, so it is generous. Per DNI: nobody needs
 * more than a few mails an hour, and it stops a patient's inbox from being flooded.
 */
export const RATE_LIMITS = {
  registrationPerIp: { bucket: 'registration:ip', max: 10, windowMinutes: 60 },
  registrationPerDni: { bucket: 'registration:dni', max: 3, windowMinutes: 60 },
  passwordResetPerIp: { bucket: 'password_reset:ip', max: 10, windowMinutes: 60 },
  passwordResetPerDni: { bucket: 'password_reset:dni', max: 3, windowMinutes: 60 },
  emailChangePerPatient: { bucket: 'email_change:patient', max: 5, windowMinutes: 60 },
} satisfies Record<string, RateLimit>;

/**
 * Counts this request and says whether it is within every limit. Same pattern as the login
 * throttle: the event is inserted (committed on its own, outside the caller's transaction)
 * before counting, so parallel requests see each other and cannot all slip under the limit.
 * A refused request is removed again: waiting out the window is enough.
 */
export async function takeRateLimit(db: DbOrTx, checks: Array<{ limit: RateLimit; key: string }>): Promise<boolean> {
  const ids: number[] = [];
  let allowed = true;
  for (const { limit, key } of checks) {
    const [row] = await db.insert(rateLimitEvents).values({ bucket: limit.bucket, key }).returning({ id: rateLimitEvents.id });
    ids.push(row.id);
    const result = await db.execute(sql`
      select count(*)::int as n from ${rateLimitEvents}
      where bucket = ${limit.bucket} and key = ${key} and at > now() - make_interval(mins => ${limit.windowMinutes})`);
    const [{ n }] = rowsOf<{ n: number }>(result);
    if (Number(n) > limit.max) allowed = false;
  }
  if (!allowed) {
    for (const id of ids) await db.delete(rateLimitEvents).where(eq(rateLimitEvents.id, id));
  }
  return allowed;
}

/** Old events only matter for their window; call from a periodic job. Returns rows deleted. */
export async function pruneRateLimitEvents(db: DbOrTx, olderThanHours = 24): Promise<number> {
  const deleted = await db
    .delete(rateLimitEvents)
    .where(sql`${rateLimitEvents.at} < now() - make_interval(hours => ${olderThanHours})`)
    .returning({ id: rateLimitEvents.id });
  return deleted.length;
}
