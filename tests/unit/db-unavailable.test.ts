import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '@/db/errors';

/** Drizzle wraps the driver's error in `cause` (STACK.md trap 7); both shapes are recognised. */
const wrapped = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('x'), { code }) });
const bare = (code: string) => Object.assign(new Error('x'), { code });

describe('isDatabaseUnavailable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300'])(
    'treats %s as an outage',
    (code) => {
      expect(isDatabaseUnavailable(wrapped(code))).toBe(true);
      expect(isDatabaseUnavailable(bare(code))).toBe(true);
    },
  );

  it.each(['23505', '23P01', '40001', '42P01', '22P02'])('leaves %s (a real answer from the server) alone', (code) => {
    expect(isDatabaseUnavailable(wrapped(code))).toBe(false);
  });

  it('is false for errors without a code', () => {
    expect(isDatabaseUnavailable(new Error('bug'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
