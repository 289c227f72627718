import { describe, expect, it } from 'vitest';
import { normalizeDni, patientLoginSchema, staffLoginSchema } from '@/lib/auth/schemas';
import { clientIp, isThrottled } from '@/lib/auth/throttle';

describe('DNI as people type it', () => {
  it.each([
    ['30.111.222', '30111222'],
    [' 30111222 ', '30111222'],
    ['30 111 222', '30111222'],
    ['30-111-222', '30111222'],
    ['7.654.321', '7654321'],
  ])('%s -> %s', (typed, digits) => {
    expect(normalizeDni(typed)).toBe(digits);
    expect(patientLoginSchema.parse({ dni: typed, password: 'x' }).dni).toBe(digits);
  });

  it('refuses letters and wrong lengths with a Spanish message', () => {
    for (const dni of ['30111222A', 'abc', '12345', '1234567890']) {
      const result = patientLoginSchema.safeParse({ dni, password: 'x' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/DNI/);
    }
  });

  it('refuses a staff user name with a NUL byte (Auth.js posts straight to authorize; the attempt log could not store it)', () => {
    expect(staffLoginSchema.safeParse({ username: 'ad\u0000min', password: 'x' }).error?.issues[0].message).toBe('Contiene un carácter no permitido.');
  });

  it('asks for the missing fields', () => {
    const result = patientLoginSchema.safeParse({ dni: '', password: '' });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['dni', 'Ingrese su DNI.'],
      ['password', 'Ingrese su contraseña.'],
    ]);
    expect(staffLoginSchema.safeParse({ username: '  ', password: 'x' }).error?.issues[0].message).toBe('Ingrese su usuario.');
  });
});

describe('throttling decision', () => {
  it('allows the 5th failure on an account and refuses the 6th', () => {
    expect(isThrottled({ accountFailures: 5, ipFailures: 5 })).toBe(false);
    expect(isThrottled({ accountFailures: 6, ipFailures: 6 })).toBe(true);
  });

  it('refuses an IP after 20 failures over any accounts', () => {
    expect(isThrottled({ accountFailures: 1, ipFailures: 20 })).toBe(false);
    expect(isThrottled({ accountFailures: 1, ipFailures: 21 })).toBe(true);
  });

  it('takes the address the nearest proxy saw, not what the client claims', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientIp(new Headers({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('::ffff:127.0.0.1');
    expect(clientIp(new Headers({ 'x-real-ip': '5.6.7.8' }))).toBe('5.6.7.8');
    expect(clientIp(new Headers())).toBe('unknown');
  });
});
