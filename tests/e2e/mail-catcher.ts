/**
 * A local mail catcher for the e2e suite: the app delivers real SMTP to it (SMTP_URL), and the
 * specs read what arrived over a tiny HTTP API (tests/e2e/mail.ts), like a Mailpit/MailHog would.
 *
 * SMTP offers STARTTLS with a throwaway self-signed certificate: an `smtp://` SMTP_URL makes the
 * app require STARTTLS (lib/messaging/transports/smtp.ts), so a plain-text catcher would refuse
 * every mail. The server under test trusts the certificate through NODE_EXTRA_CA_CERTS.
 *
 * HTTP (loopback only):
 *   GET    /messages?to=<address>&since=<epoch ms>   JSON array of CaughtMail, oldest first
 *   DELETE /messages                                 forgets everything (204)
 *   GET    /health                                   200 "ok"
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtAttachment {
  filename: string | null;
  /** Without parameters: "text/calendar". */
  contentType: string;
  /** The full header value: "text/calendar; charset=utf-8; method=PUBLISH". */
  contentTypeHeader: string;
  size: number;
  contentBase64: string;
}

export interface CaughtMail {
  id: number;
  /** Epoch milliseconds, on this machine's clock (the specs' `since`). */
  receivedAt: number;
  envelope: { from: string; to: string[] };
  /** The From header as written: 'CENTRO MEDICO DEMO <turnos@...>'. */
  from: string;
  fromAddress: string | null;
  /** Addresses of the To header, lower-cased. */
  to: string[];
  subject: string;
  messageId: string | null;
  text: string;
  html: string | null;
  attachments: CaughtAttachment[];
  raw: string;
}

const HOST = '127.0.0.1';

/**
 * Ports follow E2E_PORT (3100 → SMTP 2525, HTTP 3199), so two checkouts that run their e2e side
 * by side with different E2E_PORTs do not fight over the catcher either.
 */
export function mailCatcherPorts(env: NodeJS.ProcessEnv = process.env): { smtp: number; http: number } {
  const base = Number(env.E2E_PORT) || 3100;
  return {
    smtp: Number(env.E2E_SMTP_PORT) || base - 575,
    http: Number(env.E2E_MAIL_API_PORT) || base + 99,
  };
}

export function mailCatcherApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://${HOST}:${mailCatcherPorts(env).http}`;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value.map((a) => a.address?.toLowerCase() ?? '')).filter(Boolean);
}

async function parse(raw: Buffer, envelope: CaughtMail['envelope'], id: number): Promise<CaughtMail> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true });
  const fromHeader = parsed.headers.get('from');
  return {
    id,
    receivedAt: Date.now(),
    envelope,
    from: parsed.from?.text ?? (typeof fromHeader === 'string' ? fromHeader : ''),
    fromAddress: parsed.from?.value[0]?.address?.toLowerCase() ?? null,
    to: addressesOf(parsed.to),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => {
      const header = a.headers.get('content-type') as { value: string; params?: Record<string, string> } | undefined;
      const params = Object.entries(header?.params ?? {}).map(([k, v]) => `; ${k}=${v}`).join('');
      return {
        filename: a.filename ?? null,
        contentType: a.contentType,
        contentTypeHeader: header ? `${header.value}${params}` : a.contentType,
        size: a.size,
        contentBase64: a.content.toString('base64'),
      };
    }),
    raw: raw.toString('utf8'),
  };
}

/** A self-signed certificate for 127.0.0.1, made fresh each start (nothing secret in the repo). */
function makeCertificate(dir: string): { keyFile: string; certFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
      '-subj', '/CN=turnos e2e mail catcher', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', keyFile, '-out', certFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { keyFile, certFile };
}

export interface RunningMailCatcher {
  smtpUrl: string;
  apiUrl: string;
  /** For the app's NODE_EXTRA_CA_CERTS. */
  certFile: string;
  messages: CaughtMail[];
  stop(): Promise<void>;
}

function listen(server: { listen(port: number, host: string, cb: () => void): unknown; once(e: 'error', cb: (err: Error) => void): unknown }, port: number, what: string) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: Error & { code?: string }) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`mail catcher: ${what} port ${HOST}:${port} is in use (another e2e server still running?)`)
          : error,
      ),
    );
    server.listen(port, HOST, () => resolve());
  });
}

export async function startMailCatcher(options: { certDir: string; log?: (line: string) => void }): Promise<RunningMailCatcher> {
  const ports = mailCatcherPorts();
  const log = options.log ?? (() => {});
  const { keyFile, certFile } = makeCertificate(options.certDir);
  const messages: CaughtMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    secure: false,
    key: fs.readFileSync(keyFile),
    cert: fs.readFileSync(certFile),
    authOptional: true,
    // Any user and password: the catcher tests the app's mail, not its SMTP credentials.
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    // A mailbox that does not exist, as real servers answer it: any address starting with
    // "rechazar" is refused at RCPT TO with a permanent 550 (the send log must show it).
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith('rechazar')) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: buzón inexistente`), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        parse(Buffer.concat(chunks), envelope, nextId++)
          .then((mail) => {
            messages.push(mail);
            log(`mail catcher: ${envelope.to.join(', ')} ← "${mail.subject}"`);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
    logger: false,
    // The app's pooled connection stays open; do not wait 30 s for it on stop.
    closeTimeout: 500,
    banner: 'turnos e2e mail catcher',
  });

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname === '/health' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname !== '/messages') {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET, DELETE' }).end();
      return;
    }
    const to = url.searchParams.get('to')?.trim().toLowerCase();
    const since = Number(url.searchParams.get('since') ?? 0) || 0;
    const found = messages.filter(
      (m) => m.receivedAt >= since && (!to || m.envelope.to.includes(to) || m.to.includes(to)),
    );
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(found));
  });

  await listen(smtp, ports.smtp, 'SMTP');
  try {
    await listen(api, ports.http, 'HTTP');
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    smtpUrl: `smtp://${HOST}:${ports.smtp}`,
    apiUrl: `http://${HOST}:${ports.http}`,
    certFile,
    messages,
    async stop() {
      api.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => api.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
