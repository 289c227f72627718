import { describe, expect, it } from 'vitest';
import { createLogger, redact, REDACTED, scrubText, type LogLevel } from '@/lib/server/log';

function capture(options: { format?: 'json' | 'pretty'; level?: LogLevel } = {}) {
  const lines: { line: string; level: LogLevel }[] = [];
  const logger = createLogger({
    format: options.format ?? 'json',
    level: options.level,
    now: () => new Date('2026-03-02T12:30:00.000Z'),
    write: (line, level) => lines.push({ line, level }),
  });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l.line)) };
}

describe('server log', () => {
  it('writes one line of JSON per event, with time, level, msg, requestId and fields', () => {
    const { logger, lines, json } = capture();
    logger.child({ requestId: 'req-0123456789' }).info('turno reservado', { appointmentId: 42, engine: 'postgres' });
    expect(lines).toHaveLength(1);
    expect(lines[0].line).not.toContain('\n');
    expect(json()[0]).toEqual({
      time: '2026-03-02T12:30:00.000Z',
      level: 'info',
      msg: 'turno reservado',
      requestId: 'req-0123456789',
      appointmentId: 42,
      engine: 'postgres',
    });
  });

  it('drops events below the level', () => {
    const { logger, json } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(json().map((e) => e.level)).toEqual(['warn', 'error']);
  });

  it('never writes a DNI, a password, a token or the body of a message', () => {
    const { logger, lines } = capture();
    logger.error('fallo el ingreso del DNI 30111222 (también 30.111.222)', {
      dni: '28999888',
      password: 'paciente1234',
      newPassword: 'otra-clave-9',
      activationToken: 'tok_abcdef',
      headers: { authorization: 'Bearer eyJhbGciOi.payload.sig', cookie: 'authjs.session-token=abc' },
      message: { to: 'juan@example.com', subject: 'Su turno, PEREZ JUAN', html: '<p>Hola PEREZ JUAN</p>', text: 'Hola PEREZ JUAN' },
      sms: { body: 'Recordatorio: mañana 10:30 con el Dr. GOMEZ' },
      url: '/activar?token=s3cr3t-token&x=1',
      err: new Error('connect failed: postgres://turnos:clave-db@db:5432/turnos, key re_123456789abc'),
    });
    const line = lines[0].line;
    for (const secret of [
      '30111222',
      '30.111.222',
      '28999888',
      'paciente1234',
      'otra-clave-9',
      'tok_abcdef',
      'eyJhbGciOi',
      'authjs.session-token=abc',
      'PEREZ JUAN',
      'GOMEZ',
      's3cr3t-token',
      'clave-db',
      're_123456789abc',
    ]) {
      expect(line, secret).not.toContain(secret);
    }
    const event = JSON.parse(line);
    expect(event.password).toBe(REDACTED);
    expect(event.message.html).toBe(REDACTED);
    expect(event.message.to).toBe('juan@example.com');
    expect(event.err.name).toBe('Error');
    expect(event.err.message).toContain('postgres://[redactado]@db:5432/turnos');
  });

  it('keeps ordinary numbers, ids and times readable', () => {
    expect(scrubText('worker outbox@a1234567b#4123456 listo en 1234 ms, turno 2026-03-02')).toBe(
      'worker outbox@a1234567b#4123456 listo en 1234 ms, turno 2026-03-02',
    );
    expect(redact({ sent: 12345678, count: 3 })).toEqual({ sent: 12345678, count: 3 });
  });

  it('follows error causes and leaves undefined secret fields alone', () => {
    const err = new Error('outer', { cause: new Error('inner with dni 30111222') });
    const safe = redact({ err, password: undefined }) as { err: { cause: { message: string } }; password?: string };
    expect(safe.err.cause.message).toBe('inner with dni [dni]');
    expect(safe.password).toBeUndefined();
  });

  it('prints a readable line in pretty format', () => {
    const { logger, lines } = capture({ format: 'pretty' });
    logger.child({ requestId: 'abc12345' }).warn('reintento', { attempt: 2 });
    expect(lines[0]).toEqual({ line: '12:30:00.000 WARN  [abc12345] reintento {"attempt":2}', level: 'warn' });
  });
});
