/**
 * One line of JSON per event on stdout (time, level, msg, requestId, fields), what log collectors
 * (docker logs, journald, Loki, CloudWatch) read. Human-readable lines in development.
 *
 * Everything passes through redact() first: the patients' DNI, passwords, tokens, secrets and the
 * bodies of mails and SMS never reach a log, whatever a caller hands in.
 *
 *   log.info('outbox delivered', { sent: 3 });
 *   log.child({ requestId }).error('login failed', { err });
 *
 * LOG_FORMAT=json|pretty (default: json when NODE_ENV=production), LOG_LEVEL=debug|info|warn|error (info).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. the requestId) to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  format?: 'json' | 'pretty';
  level?: LogLevel;
  /** Where each finished line goes (tests capture it). */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const REDACTED = '[redactado]';

/**
 * Keys whose values are never logged, at any depth. Message bodies (`body`, `html`, `text`, `content`)
 * and rendered mails are patients' data; the rest are credentials.
 */
const SECRET_KEY =
  /^(dni|.*password.*|.*passwd.*|.*secret.*|.*token.*|authorization|cookie|set-cookie|.*api[-_]?key.*|body|html|text|content|subject|database_url|smtp_url|.*credential.*|salt|hash)$/i;

/** Secrets that end up inside free text: error messages, URLs, provider answers. */
const TEXT_SCRUBBERS: [RegExp, string][] = [
  // user:password@ in any URL (postgres://, smtp://, https://)
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, `$1${REDACTED}@`],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, `Bearer ${REDACTED}`],
  // Resend keys
  [/\bre_[A-Za-z0-9_]{8,}/g, REDACTED],
  // token=..., password=... in query strings and form bodies
  [/\b(token|password|clave|secret|key|dni)=([^&\s"']+)/gi, `$1=${REDACTED}`],
  // A DNI: 7 or 8 digits standing alone (or with dots: 30.111.222); not inside a word, a number or a #pid
  [/(?<![\w.#])(\d{1,2}\.\d{3}\.\d{3}|\d{7,8})(?![\w.])/g, '[dni]'],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_SCRUBBERS) out = out.replace(pattern, replacement);
  return out;
}

function serializeError(err: Error, depth: number): LogFields {
  const out: LogFields = { name: err.name, message: scrubText(err.message) };
  const code = (err as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (err.stack) out.stack = scrubText(err.stack);
  if (err.cause !== undefined && depth < 4) out.cause = redact(err.cause, depth + 1);
  return out;
}

/** A copy of `value` safe to log: secret keys replaced, free text scrubbed, errors flattened. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return serializeError(value, depth);
  if (depth >= 6) return '[...]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (typeof value === 'object') {
    const out: LogFields = {};
    for (const [key, v] of Object.entries(value as LogFields)) {
      out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return String(value);
}

function defaultFormat(): 'json' | 'pretty' {
  const configured = process.env.LOG_FORMAT;
  if (configured === 'json' || configured === 'pretty') return configured;
  return process.env.NODE_ENV === 'production' ? 'json' : 'pretty';
}

function defaultLevel(): LogLevel {
  const configured = process.env.LOG_LEVEL as LogLevel | undefined;
  return configured && configured in LEVELS ? configured : 'info';
}

function defaultWrite(line: string, level: LogLevel): void {
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  // The edge runtime (middleware) has no process streams.
  if (stream?.write) stream.write(`${line}\n`);
  else console.log(line);
}

function prettyLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const { requestId, ...rest } = fields;
  const hhmmss = time.toISOString().slice(11, 23);
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${hhmmss} ${level.toUpperCase().padEnd(5)} ${requestId ? `[${String(requestId)}] ` : ''}${msg}${extra}`;
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    // Read on each call, so LOG_LEVEL/LOG_FORMAT set after import (boot, tests) apply.
    const minimum = options.level ?? defaultLevel();
    if (LEVELS[level] < LEVELS[minimum]) return;
    const time = (options.now ?? (() => new Date()))();
    const safe = redact({ ...bound, ...fields }) as LogFields;
    const safeMsg = scrubText(msg);
    const format = options.format ?? defaultFormat();
    const line =
      format === 'json'
        ? JSON.stringify({ time: time.toISOString(), level, msg: safeMsg, ...safe })
        : prettyLine(time, level, safeMsg, safe);
    (options.write ?? defaultWrite)(line, level);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** The process-wide logger. */
export const log: Logger = createLogger();
