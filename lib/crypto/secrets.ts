import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Provider secrets (SMTP password, Resend and SMS Masivos keys) are stored encrypted:
 * AES-256-GCM with a key derived from AUTH_SECRET by HKDF-SHA256. A database dump alone
 * does not reveal them; rotating AUTH_SECRET means re-entering them in the admin.
 * Format: v1.<iv>.<tag>.<ciphertext>, each base64url.
 */
const INFO = 'turnos/provider-secrets/v1';

function keyFrom(authSecret: string): Buffer {
  if (!authSecret || authSecret.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters');
  return Buffer.from(hkdfSync('sha256', authSecret, 'turnos', INFO, 32));
}

export function encryptSecret(plain: string, authSecret = process.env.AUTH_SECRET ?? ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(authSecret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Returns null when the value was encrypted with another AUTH_SECRET or was tampered with. */
export function decryptSecret(sealed: string, authSecret = process.env.AUTH_SECRET ?? ''): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(authSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
