/**
 * Two workers on two separate connections, as two app instances would run them. Only a real
 * server shows this: PGlite serialises everything (STACK.md trap 6).
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import { createDevSmsTransport } from '@/lib/messaging/transports/dev';
import type { OutgoingEmail, Transports } from '@/lib/messaging/transports/types';
import { claimDueMessages, runWorkerOnce } from '@/lib/messaging/worker';
import { describePostgresOnly } from '../support/db';
import { silent } from './messaging-fakes';

async function insertPending(db: Db, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    channel: 'email' as const,
    kind: 'bulk' as const,
    recipient: `paciente${i}@demo.com.ar`,
    subject: `Recordatorio ${i}`,
    bodyText: 'Hola',
  }));
  await db.insert(messages).values(rows);
}

describePostgresOnly('outbox under concurrency', (getCtx) => {
  async function twoWorkers() {
    const a = getCtx().connect({ max: 1 });
    const b = getCtx().connect({ max: 1 });
    await Promise.all([a.db.execute(sql`select 1`), b.db.execute(sql`select 1`)]);
    return [a.db, b.db] as const;
  }

  it('two workers claiming at the same time never get the same row', async () => {
    const { db } = getCtx();
    await insertPending(db, 300);
    const [a, b] = await twoWorkers();
    const seen = new Map<number, string>();
    for (let round = 0; round < 20; round++) {
      const [mine, theirs] = await Promise.all([claimDueMessages(a, { limit: 10 }), claimDueMessages(b, { limit: 10 })]);
      for (const [who, rows] of [['a', mine], ['b', theirs]] as const) {
        for (const row of rows) {
          expect(seen.has(row.id), `message ${row.id} claimed twice`).toBe(false);
          seen.set(row.id, who);
        }
      }
      if (mine.length + theirs.length === 0) break;
    }
    expect(seen.size).toBe(300);
    const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(messages).where(sql`status = 'sending' and attempts = 1`);
    expect(count).toBe(300);
  });

  it('two workers draining one queue deliver every message exactly once', async () => {
    const { db } = getCtx();
    await insertPending(db, 200);
    const [a, b] = await twoWorkers();
    const sends = new Map<number, number>();
    const byWorker = { a: 0, b: 0 };
    const transportsFor = (who: 'a' | 'b'): Transports => ({
      email: {
        name: 'fake',
        async send(message: OutgoingEmail) {
          sends.set(message.id, (sends.get(message.id) ?? 0) + 1);
          byWorker[who]++;
          // A little latency, so the workers' claims and sends interleave.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          return { providerMessageId: `${who}-${message.id}` };
        },
      },
      sms: createDevSmsTransport(),
    });
    async function drain(handle: Db, who: 'a' | 'b') {
      for (let idle = 0; idle < 3; ) {
        const result = await runWorkerOnce(handle, transportsFor(who), { limit: 7, log: silent });
        idle = result.claimed === 0 ? idle + 1 : 0;
      }
    }
    await Promise.all([drain(a, 'a'), drain(b, 'b')]);

    expect(sends.size).toBe(200);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    const rows = await db.select({ status: messages.status, attempts: messages.attempts }).from(messages);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
