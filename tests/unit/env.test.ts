import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const secret = 'a'.repeat(32);

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as EnvError).problems;
  }
}

describe('environment validation', () => {
  it('accepts a fresh machine with nothing set (embedded database)', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('accepts a complete production environment', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://turnos:x@db:5432/turnos',
      AUTH_SECRET: secret,
      AUTH_TRUST_HOST: 'true',
      PORT: '8080',
      SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      MAIL_FROM: 'Centro Médico <turnos@centro.com.ar>',
      RESEND_API_KEY: 're_abc',
    });
    expect(env.PORT).toBe(8080);
  });

  it('names the missing AUTH_SECRET when DATABASE_URL is set', () => {
    expect(problems({ DATABASE_URL: 'postgres://x@y/z' })).toEqual([expect.stringMatching(/^AUTH_SECRET: es obligatoria/)]);
  });

  it('names each malformed variable with a Spanish message', () => {
    const found = problems({
      DATABASE_URL: 'mysql://nope',
      AUTH_SECRET: 'corta',
      PORT: 'abc',
      SMTP_URL: 'http://x',
      MAIL_FROM: 'no-es-mail',
      AUTH_TRUST_HOST: 'yes',
    });
    for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'PORT', 'SMTP_URL', 'MAIL_FROM', 'AUTH_TRUST_HOST']) {
      expect(found.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
    expect(problems({ PORT: '70000' })).toEqual(['PORT: debe estar entre 1 y 65535']);
  });

  it('requires the first admin credentials together', () => {
    expect(problems({ SEED_ADMIN_USERNAME: 'jefa' })).toEqual([expect.stringMatching(/^SEED_ADMIN_PASSWORD:/)]);
    expect(problems({ SEED_ADMIN_USERNAME: 'jefa', SEED_ADMIN_PASSWORD: 'corta' })).toEqual([
      'SEED_ADMIN_PASSWORD: debe tener al menos 8 caracteres',
    ]);
  });

  it('reads the worker’s knobs as whole numbers within their range', () => {
    expect(parseEnv({ WORKER_LOCK_SECONDS: '3', WORKER_POLL_MS: '200', WORKER_BATCH_SIZE: '50' })).toMatchObject({
      WORKER_LOCK_SECONDS: 3,
      WORKER_POLL_MS: 200,
      WORKER_BATCH_SIZE: 50,
    });
    expect(parseEnv({ WORKER_LOCK_SECONDS: '' }).WORKER_LOCK_SECONDS).toBeUndefined();
    expect(problems({ WORKER_BATCH_SIZE: '101' })).toEqual(['WORKER_BATCH_SIZE: debe estar entre 1 y 100']);
    expect(problems({ WORKER_LOCK_SECONDS: 'diez' })).toEqual(['WORKER_LOCK_SECONDS: debe ser un número']);
    expect(problems({ WORKER_POLL_MS: '1.5' })).toEqual(['WORKER_POLL_MS: debe ser un número entero']);
  });
});
