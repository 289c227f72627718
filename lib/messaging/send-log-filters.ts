import { isCalendarDate } from '@/lib/appointments/web-listing-params';

/**
 * REGISTRO DE ENVIOS filters as they travel in the URL (a GET form), parsed without trusting them.
 * Pure, so the page and the tests share one reading of ?desde=&hasta=&tipo=&estado=&buscar=&antes=.
 */

export type SendLogChannel = 'email' | 'sms';
/** "Enviado" = status sent; "Sin Enviar" = every other status (pending, sending, error, draft, cancelled). */
export type SendLogState = 'sent' | 'unsent';

export interface SendLogFilters {
  /** Local dates 'yyyy-MM-dd' in the center's zone, inclusive, on the send date (see listSendLog). */
  from?: string;
  to?: string;
  channel?: SendLogChannel;
  state?: SendLogState;
  /** Matches the recipient, the patient's name or DNI. */
  text?: string;
  /** Keyset: rows older than this id. */
  before?: number;
}

type Search = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** A real calendar date 'yyyy-MM-dd' (not 2026-02-31), or undefined. */
export function validLocalDate(value?: string): string | undefined {
  return value && isCalendarDate(value) ? value : undefined;
}

export function parseSendLogSearch(s: Search): SendLogFilters {
  const tipo = one(s.tipo);
  const estado = one(s.estado);
  const before = Number(one(s.antes));
  return {
    from: validLocalDate(one(s.desde)),
    to: validLocalDate(one(s.hasta)),
    channel: tipo === 'email' || tipo === 'sms' ? tipo : undefined,
    state: estado === 'sent' || estado === 'unsent' ? estado : undefined,
    text: one(s.buscar)?.slice(0, 80),
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

/** The query string for these filters (empty ones left out), e.g. for the "Más antiguos" link. */
export function sendLogSearchParams(f: SendLogFilters): URLSearchParams {
  const entries: Array<[string, string | number | undefined]> = [
    ['desde', f.from],
    ['hasta', f.to],
    ['tipo', f.channel],
    ['estado', f.state],
    ['buscar', f.text],
    ['antes', f.before],
  ];
  return new URLSearchParams(entries.flatMap(([k, v]) => (v ? [[k, String(v)]] : [])));
}
