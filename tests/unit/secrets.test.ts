import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';

const secret = 'x'.repeat(40);

describe('provider secrets at rest', () => {
  it('round-trips and never stores the plain text', () => {
    const sealed = encryptSecret('clave-smtp-ñandú', secret);
    expect(sealed).not.toContain('clave');
    expect(decryptSecret(sealed, secret)).toBe('clave-smtp-ñandú');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('a', secret)).not.toBe(encryptSecret('a', secret));
  });

  it('refuses another AUTH_SECRET and tampered data', () => {
    const sealed = encryptSecret('re_123', secret);
    expect(decryptSecret(sealed, 'y'.repeat(40))).toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('otra cosa').toString('base64url');
    expect(decryptSecret(parts.join('.'), secret)).toBeNull();
    expect(decryptSecret('garbage', secret)).toBeNull();
  });

  it('will not derive a key from a short AUTH_SECRET', () => {
    expect(() => encryptSecret('a', 'short')).toThrow();
  });
});
