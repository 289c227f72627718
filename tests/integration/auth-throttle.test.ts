import { sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { loginAttempts, rateLimitEvents } from '@/db/schema';
import {
  beginLoginAttempt,
  countFailures,
  finishLoginAttempt,
  type AttemptKey,
  type ThrottleLimits,
} from '@/lib/auth/throttle';
import { startWorker } from '@/lib/messaging/worker-loop';
import { pruneLoginAttempts } from '@/lib/server/housekeeping';
import { describeEachEngine, describePostgresOnly } from '../support/db';

const limits: ThrottleLimits = { windowMinutes: 15, maxPerAccount: 5, maxPerIp: 20 };
const key = (identifier: string, ip = '203.0.113.1'): AttemptKey => ({ scope: 'patient', identifier, ip });

describeEachEngine('login throttling (login_attempts)', (getCtx) => {
  async function fail(k: AttemptKey) {
    const start = await beginLoginAttempt(getCtx().db, k, limits);
    if (!start.throttled) await finishLoginAttempt(getCtx().db, start.attemptId, false);
    return start.throttled;
  }

  it('allows 5 failures on an account, then refuses for the window', async () => {
    for (let i = 0; i < 5; i++) expect(await fail(key('30111222'))).toBe(false);
    expect(await fail(key('30111222'))).toBe(true);
    // From another address too: the limit protects the account.
    expect(await fail(key('30111222', '198.51.100.2'))).toBe(true);
    // Other accounts are unaffected.
    expect(await fail(key('28999888'))).toBe(false);
  });

  it('does not count refused attempts: hammering does not extend the lock', async () => {
    for (let i = 0; i < 5; i++) await fail(key('30111222'));
    for (let i = 0; i < 10; i++) await fail(key('30111222'));
    expect(await countFailures(getCtx().db, key('30111222'), 15)).toEqual({ accountFailures: 5, ipFailures: 5 });
  });

  it('forgets failures older than the window', async () => {
    const { db } = getCtx();
    await db.insert(loginAttempts).values(
      Array.from({ length: 5 }, () => ({
        scope: 'patient' as const,
        identifier: '30111222',
        ip: '203.0.113.1',
        succeeded: false,
        attemptedAt: sql`now() - interval '16 minutes'`,
      })),
    );
    expect(await fail(key('30111222'))).toBe(false);
  });

  it('a successful sign-in resets the account count, not the IP count', async () => {
    const { db } = getCtx();
    for (let i = 0; i < 4; i++) await fail(key('30111222'));
    const ok = await beginLoginAttempt(db, key('30111222'), limits);
    if (ok.throttled) throw new Error('should not be throttled');
    await finishLoginAttempt(db, ok.attemptId, true);
    expect(await countFailures(db, key('30111222'), 15)).toEqual({ accountFailures: 0, ipFailures: 4 });
    for (let i = 0; i < 5; i++) expect(await fail(key('30111222'))).toBe(false);
    expect(await fail(key('30111222'))).toBe(true);
  });

  it('refuses an IP after 20 failures spread over many accounts', async () => {
    for (let i = 0; i < 20; i++) expect(await fail(key(`4000000${String(i).padStart(2, '0')}`))).toBe(false);
    expect(await fail(key('40000099'))).toBe(true);
    expect(await fail(key('40000099', '198.51.100.3'))).toBe(false);
  });

  it('keeps patient and staff identifiers apart', async () => {
    for (let i = 0; i < 5; i++) await fail(key('admin'));
    expect(await fail({ scope: 'staff', identifier: 'admin', ip: '198.51.100.4' })).toBe(false);
  });

  it('prunes attempts older than a day', async () => {
    const { db } = getCtx();
    await db.insert(loginAttempts).values([
      { scope: 'staff', identifier: 'admin', ip: 'x', succeeded: false, attemptedAt: sql`now() - interval '2 days'` },
      { scope: 'staff', identifier: 'admin', ip: 'x', succeeded: false },
    ]);
    expect(await pruneLoginAttempts(db)).toBe(1);
  });

  it('the outbox worker deletes expired attempts and rate-limit events on its own, and keeps the recent ones', async () => {
    const { db } = getCtx();
    const twoDaysAgo = sql`now() - interval '2 days'`;
    await db.insert(loginAttempts).values([
      { scope: 'patient', identifier: '30111222', ip: 'x', succeeded: false, attemptedAt: twoDaysAgo },
      { scope: 'patient', identifier: '30111222', ip: 'x', succeeded: false },
    ]);
    await db.insert(rateLimitEvents).values([
      { bucket: 'registration:ip', key: '198.51.100.9', at: twoDaysAgo },
      { bucket: 'registration:ip', key: '198.51.100.9' },
    ]);
    const worker = startWorker(db, { workerId: 'outbox@prune-test', pollMs: 50, remindEveryMs: false, log: () => {} });
    try {
      await vi.waitFor(
        async () => {
          expect(await db.select().from(loginAttempts)).toHaveLength(1);
          expect(await db.select().from(rateLimitEvents)).toHaveLength(1);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await worker.stop();
    }
  });
});

describePostgresOnly('login throttling under concurrency', (getCtx) => {
  it('30 simultaneous guesses on one account from many instances: at most 5 get to verify', async () => {
    const pools = Array.from({ length: 3 }, () => getCtx().connect({ max: 10 }));
    const starts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        beginLoginAttempt(pools[i % pools.length].db, key('30111222', `198.51.100.${i}`), limits),
      ),
    );
    const allowed = starts.filter((s) => !s.throttled);
    // Each attempt counts every row inserted before it, so a burst may even refuse all of them;
    // what it can never do is let a 6th guess through.
    expect(allowed.length).toBeLessThanOrEqual(5);
    for (const start of allowed) if (!start.throttled) await finishLoginAttempt(getCtx().db, start.attemptId, false);

    // The refused ones left no trace: after the burst only real failures count.
    const counts = await countFailures(getCtx().db, key('30111222', '192.0.2.50'), 15);
    expect(counts.accountFailures).toBe(allowed.length);
  });
});
