import { describe, expect, it } from 'vitest';
import { isValidEmail, isValidPhone, normalizePhone } from '@/lib/messaging/recipients';
import { DEFAULT_RETRY_POLICY, retryDelaySeconds } from '@/lib/messaging/retry';
import { classifyResendError } from '@/lib/messaging/transports/resend';
import { classifySmtpError, smtpConfigFromUrl } from '@/lib/messaging/transports/smtp';

describe('recipients', () => {
  it('accepts ordinary addresses and refuses obvious typos', () => {
    for (const ok of ['ana@demo.com.ar', 'juan.perez+turnos@gmail.com', ' ana@demo.com.ar ']) expect(isValidEmail(ok)).toBe(true);
    for (const bad of ['', 'ana', 'ana@', 'ana@demo', 'ana @demo.com', 'ana@demo..com', 'a@b.c', '<ana@demo.com>', 'a,b@demo.com']) {
      expect(isValidEmail(bad)).toBe(false);
    }
  });

  it('normalises phones to digits and wants 10 to 13 of them', () => {
    expect(normalizePhone('(011) 4444-5555')).toBe('01144445555');
    expect(normalizePhone('+54 9 11 4444 5555')).toBe('5491144445555');
    expect(isValidPhone('11 4444-5555')).toBe(true);
    expect(isValidPhone('4444-5555')).toBe(false);
    expect(isValidPhone('11-4444-abcd')).toBe(false);
  });
});

describe('retry delays', () => {
  const noJitter = () => 0.5;
  it('doubles from 30 s up to an hour', () => {
    const delays = [1, 2, 3, 4, 8, 9, 10].map((n) => retryDelaySeconds(n, DEFAULT_RETRY_POLICY, undefined, noJitter));
    expect(delays).toEqual([30, 60, 120, 240, 3600, 3600, 3600]);
  });
  it('spreads by the jitter and honours retry-after', () => {
    expect(retryDelaySeconds(1, DEFAULT_RETRY_POLICY, undefined, () => 0)).toBe(24);
    expect(retryDelaySeconds(1, DEFAULT_RETRY_POLICY, undefined, () => 1)).toBe(36);
    expect(retryDelaySeconds(1, DEFAULT_RETRY_POLICY, 120, noJitter)).toBe(120);
  });
});

describe('provider error classification', () => {
  it('SMTP: 5xx permanent, 4xx and network transient, a bad login is retried', () => {
    const rejected = classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' });
    expect(rejected.permanent).toBe(true);
    expect(rejected.message).toContain('550 5.1.1 No such user');
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 Try later' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 Bad credentials' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'EENVELOPE', message: 'Invalid recipient "x"' }).permanent).toBe(true);
  });

  it('Resend: 429/5xx/network transient with retry-after, validation errors permanent, key problems retried', () => {
    const limited = classifyResendError({ statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many' }, { 'retry-after': '7' });
    expect(limited.permanent).toBe(false);
    expect(limited.retryAfterSeconds).toBe(7);
    expect(classifyResendError({ statusCode: 500, name: 'internal_server_error', message: 'x' }, null).permanent).toBe(false);
    expect(classifyResendError({ statusCode: null, name: 'application_error', message: 'Unable to fetch' }, null).permanent).toBe(false);
    const invalid = classifyResendError({ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }, null);
    expect(invalid.permanent).toBe(true);
    expect(invalid.message).toContain('Invalid `to` field.');
    expect(classifyResendError({ statusCode: 401, name: 'invalid_api_key', message: 'API key is invalid' }, null).permanent).toBe(false);
  });

  it('reads SMTP_URL', () => {
    expect(smtpConfigFromUrl('smtps://user%40x.com:p%40ss@mail.x.com', 'a@x.com')).toEqual({
      host: 'mail.x.com',
      port: 465,
      security: 'tls',
      user: 'user@x.com',
      password: 'p@ss',
      from: 'a@x.com',
    });
    // With a password, TLS is required; a credential-less local relay upgrades only when offered.
    expect(smtpConfigFromUrl('smtp://u:p@mail.x.com:2525', 'a@x.com')).toMatchObject({ port: 2525, security: 'starttls' });
    expect(smtpConfigFromUrl('smtp://localhost:25', 'a@x.com')).toMatchObject({ port: 25, security: 'none' });
  });
});
