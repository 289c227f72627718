import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_ID, parseId, recordId } from '@/lib/validation/record-id';
import { hostileValue } from '../support/hostile';

/** Ids from URLs and forms: anything past PostgreSQL's integer range reads as "no such row". */
describe('record ids', () => {
  it('reads a plain positive number in range, and nothing else', () => {
    expect(parseId('12')).toBe(12);
    expect(parseId(String(MAX_RECORD_ID))).toBe(MAX_RECORD_ID);
    for (const bad of ['2147483648', '0', '-1', '1.5', '1e3', ' 12', '0x10', '', 'abc', undefined, ['12'], 12]) expect(parseId(bad), String(bad)).toBeNull();
  });

  it('never answers an id a query could not take, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue, fc.bigInt().map(String), fc.nat({ max: 2 * MAX_RECORD_ID }).map(String)), (value) => {
        const id = parseId(value);
        if (id !== null) expect(Number.isInteger(id) && id > 0 && id <= MAX_RECORD_ID).toBe(true);
        const parsed = recordId.safeParse(value);
        if (parsed.success) expect(parsed.data > 0 && parsed.data <= MAX_RECORD_ID).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
