import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '@/db/client';
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

// First key of the two-key advisory locks below (booking uses its own constants).
const RATE_LIMIT_LOCK = 7_245_101;

/**
 * Counts this request and says whether it is within every limit; a refused request leaves no
 * trace, so waiting out the window is enough. Each (bucket, key) is serialised with a
 * transaction-scoped advisory lock, so N parallel requests let through exactly the limit, on
 * any number of app instances.
 */
export async function takeRateLimit(db: Db, checks: Array<{ limit: RateLimit; key: string }>): Promise<boolean> {
  // Always locked in the same order, so two requests sharing keys cannot deadlock.
  const ordered = [...checks].sort((a, b) => `${a.limit.bucket} ${a.key}`.localeCompare(`${b.limit.bucket} ${b.key}`));
  return db.transaction(async (tx) => {
    for (const { limit, key } of ordered) {
      await tx.execute(sql`select pg_advisory_xact_lock(${RATE_LIMIT_LOCK}, hashtext(${`${limit.bucket} ${key}`}))`);
    }
    for (const { limit, key } of ordered) {
      const result = await tx.execute(sql`
        select count(*)::int as n from ${rateLimitEvents}
        where bucket = ${limit.bucket} and key = ${key} and at > now() - make_interval(mins => ${limit.windowMinutes})`);
      const [{ n }] = rowsOf<{ n: number }>(result);
      if (Number(n) >= limit.max) return false;
    }
    await tx.insert(rateLimitEvents).values(ordered.map(({ limit, key }) => ({ bucket: limit.bucket, key })));
    return true;
  });
}

/** Old events only matter for their window; call from a periodic job. Returns rows deleted. */
export async function pruneRateLimitEvents(db: DbOrTx, olderThanHours = 24): Promise<number> {
  const deleted = await db
    .delete(rateLimitEvents)
    .where(sql`${rateLimitEvents.at} < now() - make_interval(hours => ${olderThanHours})`)
    .returning({ id: rateLimitEvents.id });
  return deleted.length;
}
