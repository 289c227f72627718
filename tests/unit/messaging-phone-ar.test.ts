import { describe, expect, it } from 'vitest';
import { argentineMobile10 } from '@/lib/messaging/phone-ar';

describe('Argentine mobiles as SMS Masivos wants them (10 digits, no 0, no 15)', () => {
  it.each([
    ['1144445555', '1144445555'],
    ['11 4444-5555', '1144445555'],
    ['011 15 4444-5555', '1144445555'],
    ['(011) 15-4444-5555', '1144445555'],
    ['+54 9 11 4444-5555', '1144445555'],
    ['5491144445555', '1144445555'],
    ['541144445555', '1144445555'],
    ['0054 9 11 4444 5555', '1144445555'],
    ['0351 15 512-3456', '3515123456'],
    ['351155123456', '3515123456'],
    ['02966 15 41-2345', '2966412345'],
    ['+54 9 351 512-3456', '3515123456'],
  ])('%s -> %s', (input, expected) => {
    expect(argentineMobile10(input)).toBe(expected);
  });

  it.each(['', '4444-5555', '12345', '0800 333 1234 5', '1144445555555', '5144445555', 'abc', '011 16 4444-5555'])('rejects %s', (input) => {
    expect(argentineMobile10(input)).toBeNull();
  });
});
