import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Auth.js's session token, sealed and opened with node:crypto: the same compact JWE Auth.js's
 * `encode` and `decode` (next-auth/jwt) make and read (`alg: dir`, `enc: A256CBC-HS512`, RFC 7516
 * and RFC 7518 §5.2; the key derived from the secret by HKDF-SHA-256 with the cookie name as salt,
 * `kid` its JWK thumbprint), so a token made by either side opens on the other
 * (tests/unit/session-jwe.test.ts).
 *
 * Why not Auth.js's own: every call derives the key again with HKDF and goes through WebCrypto's
 * promise jobs, about 0.75 ms to open and 0.45 ms to seal on the reference machine, and a page
 * view used to pay both in the middleware and an open again in the page. Here the derived key is
 * kept per secret and cookie name and the work is synchronous: ~20 µs.
 */

const ALG = 'dir';
const ENC = 'A256CBC-HS512';
/** Seconds of clock difference tolerated on `exp`, as Auth.js's decode allows. */
const CLOCK_TOLERANCE_S = 15;

interface DerivedKey {
  macKey: Buffer;
  encKey: Buffer;
  kid: string;
}

const derived = new Map<string, DerivedKey>();

function keyFor(secret: string, salt: string): DerivedKey {
  const id = `${salt}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    const bytes = Buffer.from(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638: the thumbprint of {"k","kty"} (members in lexicographic order), SHA-512 as jose's
    // calculateJwkThumbprint(..., 'sha512') computes it for a 64-byte key.
    const jwk = JSON.stringify({ k: bytes.toString('base64url'), kty: 'oct' });
    key = { macKey: bytes.subarray(0, 32), encKey: bytes.subarray(32), kid: createHash('sha512').update(jwk).digest('base64url') };
    derived.set(id, key);
  }
  return key;
}

/** RFC 7518 §5.2.2.1: the first half of HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits. */
function tagOf(key: DerivedKey, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  return createHmac('sha512', key.macKey).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
}

/**
 * Seals `claims` as Auth.js's `encode` does: `iat` now, `exp` now + maxAgeSeconds, a fresh `jti`.
 */
export function sealSessionToken(claims: Record<string, unknown>, secret: string, salt: string, maxAgeSeconds: number, now = Date.now()): string {
  const key = keyFor(secret, salt);
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + maxAgeSeconds, jti: randomUUID() }));
  const header = Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, kid: key.kid })).toString('base64url');
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  const tag = tagOf(key, Buffer.from(header, 'ascii'), iv, ciphertext);
  return `${header}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

/**
 * Opens a token sealed with any of `secrets` for this cookie name (`salt`); null when it is not a
 * token of ours, was tampered with, or has expired. Like Auth.js's `decode`, the `kid` picks the
 * secret (rotation: AUTH_SECRET_1..3), and a token without one is tried with the first.
 */
export function openSessionToken(token: string, secrets: readonly string[], salt: string, now = Date.now()): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[1] !== '') return null;
  const [header, , ivText, ciphertextText, tagText] = parts;
  let protectedHeader: unknown;
  try {
    protectedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!protectedHeader || typeof protectedHeader !== 'object') return null;
  const { alg, enc, kid, zip, crit } = protectedHeader as Record<string, unknown>;
  if (alg !== ALG || enc !== ENC || zip !== undefined || crit !== undefined) return null;
  const candidates = secrets.map((s) => keyFor(s, salt));
  const key = kid === undefined ? candidates[0] : candidates.find((k) => k.kid === kid);
  if (!key) return null;
  const iv = Buffer.from(ivText, 'base64url');
  const ciphertext = Buffer.from(ciphertextText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  if (!timingSafeEqual(tag, tagOf(key, Buffer.from(header, 'ascii'), iv, ciphertext))) return null;
  let payload: unknown;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key.encKey, iv);
    payload = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const { exp, nbf } = payload as Record<string, unknown>;
  const nowS = Math.floor(now / 1000);
  if (exp !== undefined && (typeof exp !== 'number' || exp <= nowS - CLOCK_TOLERANCE_S)) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowS + CLOCK_TOLERANCE_S)) return null;
  return payload as Record<string, unknown>;
}
