import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Requests that send mail to whoever asks (registration, password reset), counted per bucket and
 * key (an IP, a DNI) over a time window. In the database so the limit holds across app instances.
 */
export const rateLimitEvents = pgTable(
  'rate_limit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** e.g. "registration:ip", "password_reset:dni". */
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rate_limit_events_key_idx').on(t.bucket, t.key, t.at)],
);
