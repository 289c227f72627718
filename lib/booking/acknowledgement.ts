import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';

/**
 * The professional's general message must be acknowledged ("OK") before the agenda shows. The
 * acknowledgement is a short-lived, HMAC-signed cookie bound to the patient, the professional and
 * the message text: a new message, another patient or a forged cookie means the dialog again.
 */
const MAX_AGE_SECONDS = 30 * 60;

function cookieName(professionalId: number) {
  return `turnos-ack-${professionalId}`;
}

function token(patientId: number, professionalId: number, message: string): string {
  const digest = createHash('sha256').update(message).digest('base64url');
  return createHmac('sha256', process.env.AUTH_SECRET ?? '')
    .update(`${patientId}:${professionalId}:${digest}`)
    .digest('base64url');
}

export async function hasAcknowledged(patientId: number, professionalId: number, message: string): Promise<boolean> {
  if (!message.trim()) return true;
  const value = (await cookies()).get(cookieName(professionalId))?.value;
  if (!value) return false;
  const expected = Buffer.from(token(patientId, professionalId, message));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function acknowledge(patientId: number, professionalId: number, message: string): Promise<void> {
  (await cookies()).set(cookieName(professionalId), token(patientId, professionalId, message), {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && process.env.AUTH_URL?.startsWith('https') === true,
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  });
}
