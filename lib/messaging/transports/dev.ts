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
      options.log?.(`[mail:dev] #${message.id} -> ${message.to}: ${message.subject}`);
      return { providerMessageId: `dev-${message.idempotencyKey}` };
    },
  };
}

export function createDevSmsTransport(options: { log?: (line: string) => void } = {}): SmsTransport {
  return {
    name: 'dev',
    async send(message: OutgoingSms) {
      options.log?.(`[sms:dev] #${message.id} -> ${message.to}: ${message.text.slice(0, 40)}`);
      return { providerMessageId: `dev-${message.idempotencyKey}` };
    },
  };
}
