import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('paciente1234');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('paciente1234');
    expect(await verifyPassword('paciente1234', hash)).toBe(true);
    expect(await verifyPassword('paciente1235', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('igual')).not.toBe(await hashPassword('igual'));
  });

  it('treats a malformed stored hash as a mismatch, not a crash', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  it('spends comparable time on unknown users', async () => {
    const hash = await hashPassword('algo');
    const t0 = performance.now();
    await verifyPassword('otra', hash);
    const known = performance.now() - t0;
    const t1 = performance.now();
    expect(await verifyAgainstDummy('otra')).toBe(false);
    await verifyAgainstDummy('otra'); // the first call also builds the dummy hash
    const unknown = (performance.now() - t1) / 2;
    // Same algorithm and parameters: the same order of magnitude, never a fast path.
    expect(unknown).toBeGreaterThan(known / 4);
  });
});
