/**
 * A real SMTP exchange: an `smtp-server` on loopback, the transport configured at it the way the
 * admin would (provider_settings, password encrypted), and the raw message it receives.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { providerSettings } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secrets';
import { bookingConfirmationMessage } from '@/lib/messaging/compose';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { createTransportResolver, type TransportResolver } from '@/lib/messaging/transports/cached';
import { createSmtpTransport } from '@/lib/messaging/transports/smtp';
import { TransportError } from '@/lib/messaging/transports/types';
import { runWorkerOnce } from '@/lib/messaging/worker';
import { describeEachEngine } from '../support/db';
import { AUTH_SECRET_FOR_TESTS, messageById, silent } from './messaging-fakes';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'turnos' && auth.password === 'clave-smtp') return callback(null, { user: 'turnos' });
      const error = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 });
      callback(error);
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address.startsWith('noexiste@')) {
        return callback(Object.assign(new Error('5.1.1 <noexiste@demo.com.ar>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The leaf parts of a MIME message, decoded: enough to check what a mail client would show. */
function mimeParts(raw: string): { headers: string; contentType: string; body: string }[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  let chunks = [raw];
  for (const boundary of boundaries) chunks = chunks.flatMap((chunk) => chunk.split(`--${boundary}`));
  return chunks
    .map((chunk) => {
      const split = chunk.indexOf('\r\n\r\n');
      const headers = split >= 0 ? chunk.slice(0, split).replace(/\r\n[ \t]+/g, ' ') : '';
      const encoded = split >= 0 ? chunk.slice(split + 4) : '';
      const contentType = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.toLowerCase() ?? '';
      const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
      let body = encoded;
      if (encoding === 'base64') body = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (encoding === 'quoted-printable') {
        const bytes = encoded.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex) => `%${hex}`);
        body = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
      }
      return { headers, contentType, body };
    })
    .filter((part) => part.contentType && !part.contentType.startsWith('multipart/'));
}

const center = {
  centerName: 'CENTRO MEDICO DEMO',
  mailPhrase: 'Recuerde concurrir con su Carnet de Obra Social y su DNI',
  contactPhones: '4444-4444',
  contactEmail: 'centromedico@demo.com.ar',
  contactHours: 'Lunes a Viernes de 10 a 18hs.',
  webAddress: 'http://centromedicodemo.no-ip.info',
  timeZone: 'America/Argentina/Buenos_Aires',
};

async function confirmation(db: Db, recipient: string) {
  const content = await bookingConfirmationMessage({
    center,
    appointment: { id: 77, startsAt: new Date('2031-11-13T14:00:00Z'), endsAt: new Date('2031-11-13T14:20:00Z'), reason: 'Control' },
    patient: { lastName: 'PEREZ', firstName: 'JUAN' },
    professional: { lastName: 'GONZALEZ', firstName: 'JOSE' },
    specialty: { name: 'CARDIOLOGIA' },
  });
  return enqueueEmail(db, { kind: 'booking_confirmation', recipient, ...content });
}

describeEachEngine('SMTP delivery', (getCtx) => {
  let resolver: TransportResolver;

  async function configureSmtp(db: Db, password = 'clave-smtp') {
    await db.insert(providerSettings).values({
      channel: 'email',
      provider: 'smtp',
      config: { host: '127.0.0.1', port, security: 'none', user: 'turnos', from: 'Centro Médico Demo <turnos@demo.com.ar>' },
      secretEncrypted: encryptSecret(password, AUTH_SECRET_FOR_TESTS),
    });
  }

  beforeEach(() => {
    vi.stubEnv('AUTH_SECRET', AUTH_SECRET_FOR_TESTS);
    received.length = 0;
    resolver = createTransportResolver();
  });
  afterEach(async () => {
    await resolver.close();
    vi.unstubAllEnvs();
  });

  it('sends the confirmation with its subject, text, HTML, .ics attachment and From', async () => {
    const { db } = getCtx();
    await configureSmtp(db);
    const { id } = await confirmation(db, 'juan.perez@demo.com.ar');

    expect(await runWorkerOnce(db, (h) => resolver.resolve(h), { log: silent })).toMatchObject({ sent: 1 });
    const row = await messageById(db, id);
    expect(row).toMatchObject({ status: 'sent', provider: 'smtp', error: null });

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe('turnos@demo.com.ar');
    expect(mail.to).toEqual(['juan.perez@demo.com.ar']);
    const headers = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    expect(headers).toMatch(/^From: .*<turnos@demo\.com\.ar>$/m);
    expect(headers).toMatch(/^Subject: Turno confirmado: 13\/11\/2031 11:00 hs con GONZALEZ JOSE$/m);
    // The Message-ID comes from the outbox row, and is what we recorded.
    expect(headers).toMatch(new RegExp(`^Message-ID: <turnos-${id}-[0-9a-z]+@demo\\.com\\.ar>$`, 'm'));
    expect(row.providerMessageId).toMatch(new RegExp(`^<turnos-${id}-`));

    const parts = mimeParts(mail.raw);
    const text = parts.find((p) => p.contentType === 'text/plain');
    expect(text?.body).toContain('Hola PEREZ JUAN, su turno quedó reservado:');
    expect(text?.body).toContain('Recuerde concurrir con su Carnet de Obra Social y su DNI');
    expect(parts.find((p) => p.contentType === 'text/html')?.body).toContain('GONZALEZ JOSE');
    const ics = parts.find((p) => p.contentType === 'text/calendar');
    expect(ics?.headers).toMatch(/filename="?turno\.ics"?/);
    expect(ics?.body).toContain('BEGIN:VCALENDAR');
    expect(ics?.body).toContain('DTSTART:20311113T140000Z');
    expect(ics?.body).toContain('SUMMARY:Turno con GONZALEZ JOSE');
  });

  it('a recipient the server rejects with 550 ends in error with the server’s words', async () => {
    const { db } = getCtx();
    await configureSmtp(db);
    const { id } = await confirmation(db, 'noexiste@demo.com.ar');
    expect(await runWorkerOnce(db, (h) => resolver.resolve(h), { log: silent })).toMatchObject({ failed: 1 });
    const row = await messageById(db, id);
    expect(row.status).toBe('error');
    expect(row.error).toContain('550');
    expect(row.error).toContain('Recipient address rejected: User unknown');
    expect(received).toHaveLength(0);
  });

  it('a wrong password is retried, with the reason in the send log', async () => {
    const { db } = getCtx();
    await configureSmtp(db, 'otra-clave');
    const { id } = await confirmation(db, 'juan.perez@demo.com.ar');
    expect(await runWorkerOnce(db, (h) => resolver.resolve(h), { log: silent })).toMatchObject({ retried: 1 });
    const row = await messageById(db, id);
    expect(row.status).toBe('pending');
    expect(row.error).toMatch(/rechazó el usuario o la contraseña.*535/);
  });
});

it('a server that refuses the connection is a transient error, with the reason', async () => {
  const closed = new SMTPServer({ logger: false });
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const transport = createSmtpTransport({ host: '127.0.0.1', port: closedPort, security: 'none', from: 'turnos@demo.com.ar' });
  try {
    const error = await transport
      .send({ id: 1, to: 'juan@demo.com.ar', subject: 'x', text: 'x', html: null, attachments: [], idempotencyKey: 'k' })
      .then(() => null, (e: unknown) => e as TransportError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error!.permanent).toBe(false);
    expect(error!.message).toContain('ECONNREFUSED');
  } finally {
    await transport.close?.();
  }
});
