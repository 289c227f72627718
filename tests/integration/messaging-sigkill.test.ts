/**
 * Issue 5's "done when": the real worker (`scripts/worker.ts`, a separate OS process) is SIGKILLed
 * mid-batch and started again, and nothing is lost or sent twice. The kill is not left to luck:
 * - SMTP: the local server kills the worker once it holds the DATA of the Kth mail, before
 *   answering 250. By SMTP semantics that mail was not accepted, so it must go again, once.
 * - Resend: the fake accepts the 2nd batch (its mails are delivered), kills the worker and never
 *   answers. The restarted worker repeats that batch as the identical request (same members, same
 *   Idempotency-Key) and gets the original ids back, so nothing is delivered twice.
 * The worker's knobs come from its documented variables (WORKER_LOCK_SECONDS, WORKER_POLL_MS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { asc } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import { describePostgresOnly } from '../support/db';
import { startResendFake } from '../support/resend-fake';
import { AUTH_SECRET_FOR_TESTS } from './messaging-fakes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FROM = 'Centro Médico Demo <turnos@demo.com.ar>';
const children = new Set<ChildProcess>();

/** Starts `scripts/worker.ts` as its own process (node + tsx directly, so its pid is the worker's). */
function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<NodeJS.Signals | number | null> } {
  const base = { ...process.env };
  for (const name of Object.keys(base)) {
    if (/^(SMTP_URL|MAIL_FROM|RESEND_|SMSMASIVOS_|WORKER_|OUTBOX_)/.test(name)) delete base[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: { ...base, AUTH_SECRET: AUTH_SECRET_FOR_TESTS, MAIL_FROM: FROM, WORKER_LOCK_SECONDS: '3', WORKER_POLL_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(signal ?? code);
    }),
  );
  return { child, output: () => output, exited };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000, detail = () => '') {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function enqueue(db: Db, count: number): Promise<number[]> {
  const rows = await db
    .insert(messages)
    .values(
      Array.from({ length: count }, (_, i) => ({
        channel: 'email' as const,
        kind: 'reminder' as const,
        recipient: `paciente${i}@demo.com.ar`,
        subject: `Recordatorio de su turno ${i}`,
        bodyText: `Hola paciente ${i}`,
        bodyHtml: `<p>Hola paciente ${i}</p>`,
      })),
    )
    .returning({ id: messages.id });
  return rows.map((r) => r.id);
}

const allRows = (db: Db) => db.select().from(messages).orderBy(asc(messages.id));
const countSent = async (db: Db) => (await allRows(db)).filter((r) => r.status === 'sent').length;

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

describePostgresOnly('the worker killed mid-batch', (getCtx) => {
  it('SMTP: killed while the server holds the DATA of the 137th of 300 mails; restarted, each mail is accepted exactly once', async () => {
    const { db, url } = getCtx();
    const TOTAL = 300;
    const K = 137;
    await enqueue(db, TOTAL);

    let victim: ChildProcess | undefined;
    let dataReceived = 0;
    const unanswered: string[] = [];
    const accepted: { messageId: string; to: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          dataReceived++;
          const messageId = /^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
          if (dataReceived === K && victim) {
            // The whole message is here, and no 250 is ever answered: the worker dies first.
            unanswered.push(messageId);
            victim.kill('SIGKILL');
            return;
          }
          accepted.push({ messageId, to: session.envelope.rcptTo[0]?.address ?? '' });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

    try {
      const first = startWorkerProcess({ DATABASE_URL: url!, SMTP_URL: smtpUrl });
      victim = first.child;
      expect(await first.exited).toBe('SIGKILL');
      victim = undefined;
      // Sends are sequential and each result is written before the next send starts: every mail
      // answered 250 is recorded, the one in flight is not.
      expect(accepted).toHaveLength(K - 1);
      expect(await countSent(db)).toBe(K - 1);

      const second = startWorkerProcess({ DATABASE_URL: url!, SMTP_URL: smtpUrl });
      await waitFor('every mail sent', async () => (await countSent(db)) === TOTAL, 90_000, second.output);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    const rows = await allRows(db);
    expect(rows.every((r) => r.status === 'sent' && r.provider === 'smtp' && r.error === null)).toBe(true);
    expect(dataReceived).toBe(TOTAL + 1);
    expect(accepted).toHaveLength(TOTAL);
    expect(new Set(accepted.map((a) => a.messageId)).size).toBe(TOTAL);
    expect(new Set(accepted.map((a) => a.to)).size).toBe(TOTAL);
    expect(new Set(rows.map((r) => r.providerMessageId))).toEqual(new Set(accepted.map((a) => a.messageId)));
    // The interrupted mail went again, once, as the same message.
    expect(accepted.filter((a) => a.messageId === unanswered[0])).toHaveLength(1);
  }, 180_000);

  it('Resend: killed after the fake accepted the 2nd batch of 100, before the answer; restarted, nothing is delivered twice', async () => {
    const { db, url } = getCtx();
    const TOTAL = 350;
    const ids = await enqueue(db, TOTAL);
    const apiKey = 're_sigkill_test';
    const fake = await startResendFake({ apiKey });
    let victim: ChildProcess | undefined;
    let batchesAccepted = 0;
    let heldKey: string | undefined;
    fake.onAccepted = (request) => {
      if (request.path !== '/emails/batch' || !victim) return;
      if (++batchesAccepted !== 2) return;
      heldKey = request.idempotencyKey;
      victim.kill('SIGKILL');
      return 'hold';
    };

    try {
      const env = { DATABASE_URL: url!, RESEND_API_KEY: apiKey, RESEND_BASE_URL: fake.baseUrl };
      const first = startWorkerProcess(env);
      victim = first.child;
      expect(await first.exited).toBe('SIGKILL');
      victim = undefined;
      expect(fake.delivered).toHaveLength(200);
      expect(await countSent(db)).toBe(100);

      const second = startWorkerProcess(env);
      await waitFor('every mail sent', async () => (await countSent(db)) === TOTAL, 90_000, second.output);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await fake.close();
    }

    const rows = await allRows(db);
    expect(rows.every((r) => r.status === 'sent' && r.provider === 'resend' && r.error === null)).toBe(true);
    expect(fake.delivered).toHaveLength(TOTAL);
    const idByRecipient = new Map(fake.delivered.map((d) => [d.to[0], d.id]));
    expect(idByRecipient.size).toBe(TOTAL);
    for (const row of rows) expect(row.providerMessageId).toBe(idByRecipient.get(row.recipient));
    // The held batch was sent again as the identical request, and answered from Resend's memory.
    const held = fake.requests.filter((r) => r.idempotencyKey === heldKey && r.status === 200);
    expect(held).toHaveLength(2);
    expect(held[1].body).toEqual(held[0].body);
    expect(heldKey).toMatch(new RegExp(`^turnos-lote-${ids[100]}-`));
  }, 180_000);
});
