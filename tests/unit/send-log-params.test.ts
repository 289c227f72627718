import { describe, expect, it } from 'vitest';
import { parseSendLogSearch, sendLogSearchParams, validLocalDate } from '@/lib/messaging/send-log-filters';

describe('send log URL filters', () => {
  it('reads the GET form and ignores what it does not understand', () => {
    expect(parseSendLogSearch({ desde: '2026-11-01', hasta: '2026-11-30', tipo: 'sms', estado: 'unsent', buscar: '  lucia ', antes: '120' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      channel: 'sms',
      state: 'unsent',
      text: 'lucia',
      before: 120,
    });
    expect(parseSendLogSearch({ desde: '2026-02-31', hasta: '30/11/2026', tipo: 'fax', estado: 'x', buscar: '   ', antes: '-3' })).toEqual({
      from: undefined,
      to: undefined,
      channel: undefined,
      state: undefined,
      text: undefined,
      before: undefined,
    });
    expect(parseSendLogSearch({ tipo: ['email', 'sms'], antes: '1.5' })).toMatchObject({ channel: 'email', before: undefined });
    expect(parseSendLogSearch({ buscar: 'x'.repeat(200) }).text).toHaveLength(80);
  });

  it('accepts only real calendar dates', () => {
    expect(validLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(validLocalDate('2026-02-29')).toBeUndefined();
    expect(validLocalDate('2026-1-05')).toBeUndefined();
  });

  it('writes back only the filters in use', () => {
    expect(sendLogSearchParams({ channel: 'email', state: 'sent', before: 51 }).toString()).toBe('tipo=email&estado=sent&antes=51');
    expect(sendLogSearchParams({}).toString()).toBe('');
  });
});
