import type { DbOrTx } from '@/db/client';
import {
  createMailTransport,
  createSmsTransport,
  resolveMailConfig,
  resolveSmsConfig,
  unavailableMailTransport,
  unavailableSmsTransport,
} from './resolve';
import type { MailTransport, SmsTransport, Transports } from './types';

export interface TransportResolver {
  /** The current transports; rebuilt only when the configuration changed. */
  resolve(db: DbOrTx): Promise<Transports>;
  close(): Promise<void>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Re-reads the configuration on every poll, so a change in the admin takes effect within
 * seconds without a restart, but keeps the pooled SMTP connection while nothing changed.
 */
export function createTransportResolver(options: { log?: (line: string) => void } = {}): TransportResolver {
  let mail: { key: string; transport: MailTransport } | undefined;
  let sms: { key: string; transport: SmsTransport } | undefined;

  async function swapMail(key: string, build: () => MailTransport): Promise<MailTransport> {
    if (mail?.key === key) return mail.transport;
    const old = mail?.transport;
    mail = { key, transport: build() };
    await old?.close?.();
    return mail.transport;
  }

  return {
    async resolve(db) {
      let email: MailTransport;
      try {
        const config = await resolveMailConfig(db);
        email = await swapMail(JSON.stringify(config), () => createMailTransport(config, options));
      } catch (error) {
        email = await swapMail(`error:${reasonOf(error)}`, () => unavailableMailTransport(reasonOf(error)));
      }
      let smsTransport: SmsTransport;
      try {
        const config = await resolveSmsConfig(db);
        const key = JSON.stringify(config);
        if (sms?.key !== key) {
          await sms?.transport.close?.();
          sms = { key, transport: createSmsTransport(config, options) };
        }
        smsTransport = sms.transport;
      } catch (error) {
        const key = `error:${reasonOf(error)}`;
        if (sms?.key !== key) sms = { key, transport: unavailableSmsTransport(reasonOf(error)) };
        smsTransport = sms.transport;
      }
      return { email, sms: smsTransport };
    },
    async close() {
      await mail?.transport.close?.();
      await sms?.transport.close?.();
      mail = undefined;
      sms = undefined;
    },
  };
}
