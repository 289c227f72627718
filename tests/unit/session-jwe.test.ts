import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { openSessionToken, sealSessionToken } from '@/lib/auth/session-jwe';

/**
 * lib/auth/session-jwe.ts seals and opens Auth.js's session token with node:crypto: each side
 * must read what the other writes, and nothing else.
 */

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const OTHER = 'another-secret-another-secret-0123456789-xyz';
const SALT = 'authjs.session-token';
const claims = { sub: 'patient:7', name: 'PEREZ JUAN', user: { kind: 'patient', id: 'patient:7' }, sid: 'sid-1', lastSeen: 1, signedInAt: 1 };
const now = Date.now();

/** Replaces one base64url part of a compact JWE with the same bytes, one bit flipped. */
function flip(token: string, part: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[bytes.length >> 1] ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('session token (Auth.js JWE, A256CBC-HS512)', () => {
  it('opens what Auth.js encodes, and Auth.js decodes what it seals', async () => {
    const byAuthJs = await encode({ token: claims, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(openSessionToken(byAuthJs, [SECRET], SALT)).toMatchObject(claims);

    const ours = sealSessionToken(claims, SECRET, SALT, 3600, now);
    const decoded = await decode({ token: ours, secret: SECRET, salt: SALT });
    expect(decoded).toMatchObject(claims);
    expect(decoded?.exp).toBe(Math.floor(now / 1000) + 3600);
    expect(decoded?.iat).toBe(Math.floor(now / 1000));
    expect(typeof decoded?.jti).toBe('string');
    // Same header as Auth.js's: the kid is the key's thumbprint, so Auth.js picks the right secret.
    expect(JSON.parse(Buffer.from(ours.split('.')[0], 'base64url').toString())).toEqual(
      JSON.parse(Buffer.from(byAuthJs.split('.')[0], 'base64url').toString()),
    );
  });

  it('refuses a token with any part altered, cut or rearranged', () => {
    const token = sealSessionToken(claims, SECRET, SALT, 3600, now);
    expect(openSessionToken(token, [SECRET], SALT, now)).not.toBeNull();
    for (const part of [0, 2, 3, 4]) expect(openSessionToken(flip(token, part), [SECRET], SALT, now)).toBeNull();
    const parts = token.split('.');
    expect(openSessionToken(parts.slice(0, 4).join('.'), [SECRET], SALT, now)).toBeNull();
    expect(openSessionToken([parts[0], 'x', ...parts.slice(2)].join('.'), [SECRET], SALT, now)).toBeNull();
    expect(openSessionToken([parts[0], '', parts[3], parts[2], parts[4]].join('.'), [SECRET], SALT, now)).toBeNull();
    expect(openSessionToken('not-a-jwt', [SECRET], SALT, now)).toBeNull();
    expect(openSessionToken('....', [SECRET], SALT, now)).toBeNull();
  });

  it('refuses another algorithm in the header, even with a valid tag over it', () => {
    // Sealed here by hand, straight from RFC 7518 §5.2.2 and Auth.js's key derivation, so each
    // token below is authentic and only its header is wrong.
    const key = hkdfSync('sha256', SECRET, SALT, `Auth.js Generated Encryption Key (${SALT})`, 64);
    const kid = JSON.parse(Buffer.from(sealSessionToken(claims, SECRET, SALT, 3600, now).split('.')[0], 'base64url').toString()).kid;
    const sealWith = (header: Record<string, unknown>) => {
      const h = Buffer.from(JSON.stringify(header)).toString('base64url');
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', Buffer.from(key).subarray(32), iv);
      const ct = Buffer.concat([cipher.update(JSON.stringify({ ...claims, exp: Math.floor(now / 1000) + 60 })), cipher.final()]);
      const al = Buffer.alloc(8);
      al.writeBigUInt64BE(BigInt(h.length * 8));
      const tag = createHmac('sha512', Buffer.from(key).subarray(0, 32)).update(h).update(iv).update(ct).update(al).digest().subarray(0, 32);
      return `${h}..${iv.toString('base64url')}.${ct.toString('base64url')}.${tag.toString('base64url')}`;
    };
    // The same construction with the right header opens: the refusals below are the header's.
    expect(openSessionToken(sealWith({ alg: 'dir', enc: 'A256CBC-HS512', kid }), [SECRET], SALT, now)).toMatchObject(claims);
    // Without a kid, the first secret is tried, as Auth.js does.
    expect(openSessionToken(sealWith({ alg: 'dir', enc: 'A256CBC-HS512' }), [SECRET, OTHER], SALT, now)).toMatchObject(claims);
    for (const header of [
      { alg: 'none', enc: 'A256CBC-HS512', kid },
      { alg: 'dir', enc: 'A128CBC-HS256', kid },
      { alg: 'dir', enc: 'A256CBC-HS512', kid, zip: 'DEF' },
      { alg: 'dir', enc: 'A256CBC-HS512', kid, crit: ['exp'] },
      { alg: 'dir', enc: 'A256CBC-HS512', kid: 'another-key' },
    ]) {
      expect(openSessionToken(sealWith(header), [SECRET], SALT, now)).toBeNull();
    }
  });

  it('refuses another secret or another cookie name (the salt), and picks the secret by kid on rotation', async () => {
    const token = sealSessionToken(claims, SECRET, SALT, 3600, now);
    expect(openSessionToken(token, [OTHER], SALT, now)).toBeNull();
    expect(openSessionToken(token, [SECRET], `__Secure-${SALT}`, now)).toBeNull();
    expect(openSessionToken(token, [OTHER, SECRET], SALT, now)).toMatchObject(claims);
    const old = await encode({ token: claims, secret: OTHER, salt: SALT });
    expect(openSessionToken(old, [SECRET, OTHER], SALT, now)).toMatchObject(claims);
    expect(openSessionToken(old, [SECRET], SALT, now)).toBeNull();
  });

  it('refuses an expired token, with the same 15 s of tolerance as Auth.js', () => {
    const token = sealSessionToken(claims, SECRET, SALT, 60, now);
    expect(openSessionToken(token, [SECRET], SALT, now + 60_000 + 14_000)).not.toBeNull();
    expect(openSessionToken(token, [SECRET], SALT, now + 60_000 + 16_000)).toBeNull();
  });
});
