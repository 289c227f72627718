/** Shared by the messaging integration tests: recording transports and row helpers. */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { messages } from '@/db/schema';
import type { EmailDraft } from '@/lib/messaging/outbox';
import { createDevSmsTransport } from '@/lib/messaging/transports/dev';
import type { MailTransport, OutgoingEmail, SendResult, Transports } from '@/lib/messaging/transports/types';

export const silent = () => {};

export const AUTH_SECRET_FOR_TESTS = 'test-auth-secret-'.padEnd(48, 'x');

/** A mail transport that records every send; `behaviour` decides each result (n = 1-based call number). */
export function recordingMail(behaviour?: (message: OutgoingEmail, n: number) => SendResult | Promise<SendResult>) {
  const calls: OutgoingEmail[] = [];
  const email: MailTransport = {
    name: 'fake',
    async send(message) {
      calls.push(message);
      return behaviour ? behaviour(message, calls.length) : { providerMessageId: `fake-${message.id}` };
    },
  };
  const transports: Transports = { email, sms: createDevSmsTransport() };
  return { calls, transports };
}

export function draft(overrides: Partial<EmailDraft> = {}): EmailDraft {
  return {
    kind: 'booking_confirmation',
    recipient: 'ana@demo.com.ar',
    subject: 'Turno confirmado',
    bodyText: 'Hola ANA',
    bodyHtml: '<p>Hola ANA</p>',
    ...overrides,
  };
}

export async function messageById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

/** Pretends the retry delay has passed. */
export async function makeDue(db: DbOrTx, id: number) {
  await db.update(messages).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(messages.id, id));
}

/** Seconds from the database's now() to `instant`. */
export async function secondsFromNow(db: DbOrTx, instant: Date): Promise<number> {
  const [row] = await db.select({ now: sql<string>`now()::text` }).from(messages).limit(1);
  return (instant.getTime() - new Date(row.now).getTime()) / 1000;
}
