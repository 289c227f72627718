/**
 * Issue 5's benchmark: reminder mails from template to delivered, on a real PostgreSQL.
 * BENCH_REMINDER_MESSAGES (default 10,000) mails are built from the center's reminder PLANTILLA
 * (the React Email layout rendered once and filled in per patient, as ENVIAR MAIL/SMS does:
 * reminderEmailComposer in lib/reminders/email.ts), queued in the outbox (enqueueMany), and
 * delivered by the worker's own poll (runWorkerOnce) until none is left:
 *   (a) through a local SMTP server (smtp-server), the pooled nodemailer transport;
 *   (b) through the Resend fake (tests/support/resend-fake.ts) in batches of 100, which enforces
 *       Resend's 2 requests/s, so the ceiling is 2 x 100 = 200 mails/s.
 * The SMTP ceiling is the same transport sending the same mails with no database at all.
 *
 * run.ts starts this section in a process of its own (reminders-main.ts), so 10,000 mails in
 * memory do not weigh on the other sections' figures.
 */
import { eq, sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/client';
import { messages } from '../../db/schema';
import { enqueueMany, type EmailDraft } from '../../lib/messaging/outbox';
import { createDevSmsTransport } from '../../lib/messaging/transports/dev';
import { createResendTransport } from '../../lib/messaging/transports/resend';
import { createSmtpTransport } from '../../lib/messaging/transports/smtp';
import type { MailTransport, Transports } from '../../lib/messaging/transports/types';
import { runWorkerOnce } from '../../lib/messaging/worker';
import { centerContactOf, centerValues, reminderEmailComposer } from '../../lib/reminders/email';
import { startResendFake } from '../support/resend-fake';
import type { BenchDatabase } from './databases';

export const REMINDER_MESSAGES = Number(process.env.BENCH_REMINDER_MESSAGES) || 10_000;
const FROM = 'Centro Médico Bench <turnos@bench.com.ar>';
const RESEND_CEILING_PER_SECOND = 2 * 100;

export interface ReminderDelivery {
  transport: string;
  enqueueSeconds: number;
  deliverSeconds: number;
  perSecond: number;
  ceilingPerSecond: number;
  /** Provider requests made, and how many of them the fake answered 429. */
  requests?: number;
  rateLimited?: number;
}

export interface RemindersBenchResult {
  engine: string;
  messages: number;
  buildSeconds: number;
  deliveries: ReminderDelivery[];
}

const CENTER = {
  centerName: 'CENTRO MEDICO BENCH',
  contactPhones: '4444-4444',
  contactEmail: 'centromedico@bench.com.ar',
  contactHours: 'Lunes a Viernes de 10 a 18hs.',
  webAddress: 'http://centromedicobench.com.ar',
};

/** The demo center's reminder PLANTILLA (db/seed.ts). */
const TEMPLATE = {
  title: 'Recordatorio de Turno',
  body:
    'Estimado/a [[PACIENTE]]:\n\nLe recordamos su turno del día [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]).\n\n' +
    'Si no puede concurrir, por favor cancélelo desde [[DIRECCION WEB]] o llamando al [[TELEFONO CENTRO]].\n\n[[CENTRO]]',
};

/**
 * The "build the messages" step: one filled reminder mail per turno, as outbox drafts. The ENVIAR
 * MAIL/SMS batch builder (lib/reminders) is meant to take this function's place.
 */
export async function buildReminderMessages(count: number): Promise<EmailDraft[]> {
  // As ENVIAR MAIL/SMS does: the PLANTILLA rendered once, filled in per patient.
  const compose = await reminderEmailComposer(centerContactOf(CENTER), TEMPLATE);
  const drafts: EmailDraft[] = [];
  for (let i = 0; i < count; i++) {
    const minutes = 8 * 60 + (i % 24) * 20;
    const content = await compose({
      PACIENTE: `PACIENTE${i} BENCH`,
      DNI: String(20_000_000 + i),
      FECHA: `${String(1 + (i % 28)).padStart(2, '0')}/12/2026`,
      HORA: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      PROFESIONAL: `PROF${i % 30} BENCH`,
      ESPECIALIDAD: 'CLINICA MEDICA',
      ...centerValues(CENTER),
    });
    drafts.push({ kind: 'reminder', recipient: `paciente${i}@bench.com.ar`, ...content });
  }
  return drafts;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

async function enqueueAll(db: Db, drafts: EmailDraft[]): Promise<number> {
  const t0 = performance.now();
  await db.transaction((tx) => enqueueMany(tx, drafts.map((d) => ({ channel: 'email' as const, ...d }))));
  return seconds(t0);
}

/** The worker's poll, again and again while there is work: what `npm run worker` does under a backlog. */
async function deliverAll(db: Db, transports: Transports, expected: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const result = await runWorkerOnce(db, transports, { log: (line) => console.warn(line) });
    if (result.claimed === 0) break;
  }
  const elapsed = seconds(t0);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.status, 'sent'));
  if (row.n !== expected) throw new Error(`only ${row.n} of ${expected} reminders were sent`);
  return elapsed;
}

const withSms = (email: MailTransport): Transports => ({ email, sms: createDevSmsTransport() });

async function viaSmtp(db: Db, drafts: EmailDraft[]): Promise<ReminderDelivery> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = { host: '127.0.0.1', port: (server.server.address() as AddressInfo).port, security: 'none' as const, from: FROM };
  try {
    // The ceiling: the same transport and mails, no database.
    const bare = createSmtpTransport(config);
    const t0 = performance.now();
    for (const [i, d] of drafts.entries()) {
      await bare.send({ id: i, to: d.recipient, subject: d.subject, text: d.bodyText, html: d.bodyHtml ?? null, attachments: [], idempotencyKey: `bare-${i}` });
    }
    const bareSeconds = seconds(t0);
    await bare.close?.();

    await db.delete(messages);
    const enqueueSeconds = await enqueueAll(db, drafts);
    const transport = createSmtpTransport(config);
    received = 0;
    const deliverSeconds = await deliverAll(db, withSms(transport), drafts.length);
    await transport.close?.();
    if (received !== drafts.length) throw new Error(`the SMTP server received ${received} of ${drafts.length}`);
    return {
      transport: 'smtp (pooled, 1 connection)',
      enqueueSeconds,
      deliverSeconds,
      perSecond: drafts.length / deliverSeconds,
      ceilingPerSecond: drafts.length / bareSeconds,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function viaResend(db: Db, drafts: EmailDraft[]): Promise<ReminderDelivery> {
  const apiKey = 're_bench_key';
  const fake = await startResendFake({ apiKey });
  try {
    await db.delete(messages);
    const enqueueSeconds = await enqueueAll(db, drafts);
    const transport = createResendTransport({ apiKey, from: FROM, baseUrl: fake.baseUrl });
    const deliverSeconds = await deliverAll(db, withSms(transport), drafts.length);
    if (fake.delivered.length !== drafts.length) throw new Error(`the Resend fake delivered ${fake.delivered.length} of ${drafts.length}`);
    return {
      transport: 'resend (batches of 100)',
      enqueueSeconds,
      deliverSeconds,
      perSecond: drafts.length / deliverSeconds,
      ceilingPerSecond: RESEND_CEILING_PER_SECOND,
      requests: fake.requests.length,
      rateLimited: fake.requests.filter((r) => r.status === 429).length,
    };
  } finally {
    await fake.close();
  }
}

export async function runRemindersBench(bench: BenchDatabase): Promise<RemindersBenchResult> {
  const db = bench.handle.db as Db;
  const t0 = performance.now();
  const drafts = await buildReminderMessages(REMINDER_MESSAGES);
  const buildSeconds = seconds(t0);
  const deliveries = [await viaSmtp(db, drafts), await viaResend(db, drafts)];
  return { engine: bench.engine, messages: drafts.length, buildSeconds, deliveries };
}
