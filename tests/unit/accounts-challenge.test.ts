import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_TTL_MS,
  createChallenge,
  createTicket,
  TICKET_TTL_MS,
  verifyChallenge,
  verifyTicket,
} from '@/lib/accounts/challenge';

const secret = 'anti-spam-test-secret-'.padEnd(48, 'x');
const NOW = Date.parse('2026-11-23T12:00:00Z');

function answerOf(question: string): string {
  const [, a, b] = /^¿Cuánto es (\d) \+ (\d)\?$/.exec(question)!;
  return String(Number(a) + Number(b));
}

describe('anti-spam challenge', () => {
  it('asks a one-digit sum and accepts its result, as people type it', () => {
    const { question, token } = createChallenge(secret, NOW);
    expect(question).toMatch(/^¿Cuánto es \d \+ \d\?$/);
    const answer = answerOf(question);
    expect(verifyChallenge(secret, token, answer, NOW)).toBe('ok');
    expect(verifyChallenge(secret, token, ` ${answer} `, NOW + 60_000)).toBe('ok');
    expect(verifyChallenge(secret, token, `0${answer}`, NOW)).toBe('ok');
  });

  it('carries no readable answer: the token holds an expiry, a nonce and a MAC', () => {
    for (let i = 0; i < 20; i++) {
      const { question, token } = createChallenge(secret, NOW);
      const [version, expires, nonce, mac] = token.split('.');
      expect(version).toBe('c1');
      expect(Number(expires)).toBe(NOW + CHALLENGE_TTL_MS);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The sum is not a field of the token, so sending a "correct" one back proves nothing.
      expect(token.split('.')).not.toContain(answerOf(question));
    }
  });

  it('refuses wrong answers and text', () => {
    const { question, token } = createChallenge(secret, NOW);
    const wrong = String(Number(answerOf(question)) + 1);
    expect(verifyChallenge(secret, token, wrong, NOW)).toBe('wrong');
    expect(verifyChallenge(secret, token, 'once', NOW)).toBe('wrong');
    expect(verifyChallenge(secret, token, '', NOW)).toBe('wrong');
    expect(verifyChallenge(secret, token, '1e1', NOW)).toBe('wrong');
  });

  it('is bound to the secret: another AUTH_SECRET or an edited token never passes', () => {
    const { question, token } = createChallenge(secret, NOW);
    const answer = answerOf(question);
    expect(verifyChallenge('another-secret-'.padEnd(48, 'y'), token, answer, NOW)).toBe('wrong');
    const [v, expires, nonce, mac] = token.split('.');
    expect(verifyChallenge(secret, [v, expires, 'AAAAAAAAAAAAAAAA', mac].join('.'), answer, NOW)).toBe('wrong');
    expect(verifyChallenge(secret, [v, String(Number(expires) - 1), nonce, mac].join('.'), answer, NOW)).toBe('wrong');
    expect(verifyChallenge(secret, 'garbage', answer, NOW)).toBe('invalid');
    expect(verifyChallenge(secret, '', answer, NOW)).toBe('invalid');
  });

  it('expires, and refuses expiry dates no challenge of ours could have', () => {
    const { question, token } = createChallenge(secret, NOW);
    const answer = answerOf(question);
    expect(verifyChallenge(secret, token, answer, NOW + CHALLENGE_TTL_MS - 1)).toBe('ok');
    expect(verifyChallenge(secret, token, answer, NOW + CHALLENGE_TTL_MS)).toBe('expired');
    const [v, , nonce, mac] = token.split('.');
    expect(verifyChallenge(secret, [v, String(NOW + 365 * 86_400_000), nonce, mac].join('.'), answer, NOW)).toBe('invalid');
  });

  it('needs an AUTH_SECRET of at least 32 characters', () => {
    expect(() => createChallenge('short')).toThrow();
  });
});

describe('registration ticket (paso 1 → paso 2)', () => {
  it('is valid for the DNI it was issued to, for two hours', () => {
    const ticket = createTicket(secret, '35123456', NOW);
    expect(verifyTicket(secret, ticket, '35123456', NOW + 60_000)).toBe('ok');
    expect(verifyTicket(secret, ticket, '35123456', NOW + TICKET_TTL_MS)).toBe('expired');
  });

  it('cannot be moved to another DNI, forged or signed with another secret', () => {
    const ticket = createTicket(secret, '35123456', NOW);
    expect(verifyTicket(secret, ticket, '30111222', NOW)).toBe('invalid');
    expect(verifyTicket('another-secret-'.padEnd(48, 'y'), ticket, '35123456', NOW)).toBe('invalid');
    const [v, , mac] = ticket.split('.');
    expect(verifyTicket(secret, [v, String(NOW + 1000), mac].join('.'), '35123456', NOW)).toBe('invalid');
    expect(verifyTicket(secret, 'whatever', '35123456', NOW)).toBe('invalid');
  });
});
