import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The manual's "cuenta muy simple como prueba Anti-Spam", stateless and unforgeable:
 *
 * - A challenge is a question shown on the page ("¿Cuánto es 7 + 4?") plus a token
 *   `c1.<expires>.<nonce>.<mac>` where mac = HMAC(key, expires | nonce | answer). The answer is in
 *   no field the browser sends back: the server recomputes the MAC with the answer the user typed,
 *   so a bot can only guess (and guesses are rate-limited by the callers).
 * - Registration passes it in step 1 (the DNI) and gets a ticket `t1.<expires>.<mac>` bound to that
 *   DNI, without which step 2 (which writes and sends mail) refuses to run.
 *
 * The key is derived from AUTH_SECRET (HKDF, its own label), so these MACs are useless anywhere else.
 * A solved challenge could be replayed until it expires; that is why every request that sends
 * mail is also rate-limited per IP and per DNI.
 */

export const CHALLENGE_TTL_MS = 30 * 60_000;
export const TICKET_TTL_MS = 2 * 60 * 60_000;

export interface Challenge {
  /** "¿Cuánto es 7 + 4?" */
  question: string;
  token: string;
}

export type ChallengeCheck = 'ok' | 'wrong' | 'expired' | 'invalid';

function keyFrom(secret: string): Buffer {
  if (!secret || secret.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters');
  return Buffer.from(hkdfSync('sha256', secret, 'turnos', 'turnos/anti-spam/v1', 32));
}

function mac(secret: string, parts: string[]): string {
  return createHmac('sha256', keyFrom(secret)).update(parts.join('|')).digest('base64url');
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Expiry in the future, and not further away than a token of this kind can be (no forged far dates). */
function expiryState(expiresRaw: string, ttlMs: number, now: number): 'ok' | 'expired' | 'invalid' {
  if (!/^\d{1,15}$/.test(expiresRaw)) return 'invalid';
  const expires = Number(expiresRaw);
  if (expires > now + ttlMs) return 'invalid';
  return expires > now ? 'ok' : 'expired';
}

export function createChallenge(secret: string, now = Date.now()): Challenge {
  const a = randomInt(2, 10);
  const b = randomInt(1, 10);
  const expires = String(now + CHALLENGE_TTL_MS);
  const nonce = randomBytes(12).toString('base64url');
  return {
    question: `¿Cuánto es ${a} + ${b}?`,
    token: ['c1', expires, nonce, mac(secret, ['challenge', expires, nonce, String(a + b)])].join('.'),
  };
}

/** `answer` as typed: surrounding spaces are fine, anything but a number is just wrong. */
export function verifyChallenge(secret: string, token: string, answer: string, now = Date.now()): ChallengeCheck {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'c1') return 'invalid';
  const [, expires, nonce, given] = parts;
  const expiry = expiryState(expires, CHALLENGE_TTL_MS, now);
  if (expiry === 'invalid') return 'invalid';
  const typed = answer.trim();
  // A number as people type it ("11", "011"); compared as its canonical digits.
  const canonical = /^\d{1,3}$/.test(typed) ? String(Number(typed)) : null;
  const matches = canonical !== null && sameMac(given, mac(secret, ['challenge', expires, nonce, canonical]));
  if (expiry === 'expired') return 'expired';
  return matches ? 'ok' : 'wrong';
}

/** Proof, for step 2 of Registrarse, that this DNI came through step 1's anti-spam question. */
export function createTicket(secret: string, dni: string, now = Date.now()): string {
  const expires = String(now + TICKET_TTL_MS);
  return ['t1', expires, mac(secret, ['ticket', expires, dni])].join('.');
}

export function verifyTicket(secret: string, ticket: string, dni: string, now = Date.now()): 'ok' | 'expired' | 'invalid' {
  const parts = ticket.split('.');
  if (parts.length !== 3 || parts[0] !== 't1') return 'invalid';
  const [, expires, given] = parts;
  const expiry = expiryState(expires, TICKET_TTL_MS, now);
  if (expiry === 'invalid' || !sameMac(given, mac(secret, ['ticket', expires, dni]))) return 'invalid';
  return expiry;
}

/** AUTH_SECRET, which signs sessions too; without it nothing here can work. */
export function antiSpamSecret(): string {
  const secret = process.env.AUTH_SECRET ?? '';
  if (secret.length < 32) throw new Error('AUTH_SECRET is not set (at least 32 characters)');
  return secret;
}
