import type { MailTransport, OutgoingEmail, OutgoingSms, SmsTransport } from './types';

/**
 * The development transports deliver nothing: the message is marked sent with provider 'dev'
 * and stays readable in the send log (messages table). The default on a fresh install, so a
 * demo never mails real people.
 */
export function createDevMailTransport(options: { log?: (line: string) => void } = {}): MailTransport {
  return {
    name: 'dev',
    async send(message: OutgoingEmail) {
      // Never the subject or body: patients' data stays out of the logs (lib/server/log.ts).
      options.log?.(`[mail:dev] #${message.id} registrado, no enviado`);
      return { providerMessageId: `dev-${message.idempotencyKey}` };
    },
  };
}

export function createDevSmsTransport(options: { log?: (line: string) => void } = {}): SmsTransport {
  return {
    name: 'dev',
    async send(message: OutgoingSms) {
      options.log?.(`[sms:dev] #${message.id} registrado, no enviado (${message.text.length} caracteres)`);
      return { providerMessageId: `dev-${message.idempotencyKey}` };
    },
  };
}
