import net from 'node:net';
import nodemailer from 'nodemailer';
import { domainOf, TransportError, type MailTransport, type OutgoingEmail } from './types';

/** CONFIGURAR ENVIO DE MAILS: what the admin form (or SMTP_URL + MAIL_FROM) provides. */
export interface SmtpConfig {
  host: string;
  port: number;
  /**
   * none: a local relay; upgrades with STARTTLS when offered, never requires it.
   * starttls: must upgrade (587); tls: implicit TLS (465).
   */
  security: 'none' | 'starttls' | 'tls';
  user?: string;
  password?: string;
  /** "Centro Médico <turnos@centro.com.ar>" */
  from: string;
}

/** SMTP_URL (smtp://user:pass@host:587 or smtps://...) as an SmtpConfig. */
export function smtpConfigFromUrl(url: string, from: string): SmtpConfig {
  const parsed = new URL(url);
  const implicitTls = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : implicitTls ? 465 : 587,
    // A password never travels in clear: with credentials, STARTTLS is required. Without them
    // (a local relay), the connection upgrades only when the server offers it.
    security: implicitTls ? 'tls' : parsed.username ? 'starttls' : 'none',
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    from,
  };
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/**
 * 5xx replies are permanent (unknown mailbox, rejected content), 4xx and network failures are
 * transient. A rejected login is a configuration problem, not this message's: retried, so the
 * queue survives until the admin fixes the password.
 */
export function classifySmtpError(error: unknown): TransportError {
  const err = (error ?? {}) as NodemailerError;
  const serverText = err.response?.trim();
  if (err.code === 'EAUTH') {
    return new TransportError(`El servidor SMTP rechazó el usuario o la contraseña: ${serverText ?? err.message}`, {
      permanent: false,
      cause: error,
    });
  }
  if (serverText) {
    const permanent = (err.responseCode ?? 0) >= 500;
    return new TransportError(`El servidor de correo respondió: ${serverText}`, { permanent, cause: error });
  }
  // Refused before talking to the server: an address or a message nodemailer cannot send at all.
  const permanent = err.code === 'EMESSAGE' || (err.code === 'EENVELOPE' && !/sender/i.test(err.message ?? ''));
  return new TransportError(`Error SMTP${err.code ? ` (${err.code})` : ''}: ${err.message ?? String(error)}`, {
    permanent,
    cause: error,
  });
}

const CONNECTION_TIMEOUT_MS = 20_000;

/**
 * Opens the TCP connection for nodemailer (its `getSocket` hook), with Nagle's algorithm off.
 * nodemailer leaves it on, and the last small write of each mail then waits for the server's
 * delayed ACK: about 45 ms per mail on loopback, a ceiling of ~20 mails/s per connection
 * (measured with `npm run bench`, BENCH_ONLY=reminders). nodemailer still runs TLS (STARTTLS or
 * implicit) over this socket.
 */
function connectWithoutDelay(host: string, port: number, callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let settled = false;
  const settle = (err: Error | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.off('error', settle);
    if (err) {
      socket.destroy();
      callback(err);
    } else callback(null, { connection: socket });
  };
  const timer = setTimeout(
    () => settle(Object.assign(new Error(`Connection timeout (${host}:${port})`), { code: 'ETIMEDOUT' })),
    CONNECTION_TIMEOUT_MS,
  );
  socket.once('connect', () => {
    socket.setKeepAlive(true);
    settle(null);
  });
  socket.once('error', settle);
}

export function createSmtpTransport(config: SmtpConfig): MailTransport {
  const transporter = nodemailer.createTransport({
    getSocket: (_options, callback) => connectWithoutDelay(config.host, config.port, callback),
    pool: true,
    maxConnections: 1,
    maxMessages: 100,
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    // Bounded, so a hung server cannot hold a claimed message past its lock (see worker.ts).
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: 15_000,
    socketTimeout: 45_000,
  });
  const domain = domainOf(config.from);

  return {
    name: 'smtp',
    async send(message: OutgoingEmail) {
      try {
        const info = await transporter.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
          // Derived from the outbox row: if a retry ever duplicates a mail, both copies carry the
          // same Message-ID, and most mailboxes show it once.
          messageId: `<${message.idempotencyKey}@${domain}>`,
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
            encoding: 'base64',
          })),
        });
        return { providerMessageId: info.messageId, response: info.response };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
