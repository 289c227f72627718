import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { createAuthConfig, type AuthorizedUser } from '@/auth.config';
import { getDb } from '@/db/client';
import { verifyPatientCredentials, verifyStaffCredentials, type LoginRefusal } from '@/lib/auth/credentials';
import { patientLoginSchema, staffLoginSchema } from '@/lib/auth/schemas';
import { SIGNED_OUT_COOKIE, type SessionUser } from '@/lib/auth/session-claims';
import { clientIp } from '@/lib/auth/throttle';
import { log } from '@/lib/server/log';

/**
 * Thrown by `authorize` so the sign-in action can tell the user *why* (inactive, disabled with
 * the staff's observation, throttled). Auth.js rethrows CredentialsSignin subclasses unchanged to
 * `signIn()` callers; over plain HTTP only `code` travels.
 */
export class LoginRefusedError extends CredentialsSignin {
  constructor(readonly refusal: LoginRefusal) {
    super(refusal.reason);
    this.code = refusal.reason;
  }
}

function authorized(user: SessionUser): AuthorizedUser {
  return { id: user.id, name: user.name, sessionUser: user };
}

export const { handlers, signIn, signOut } = NextAuth({
  ...createAuthConfig(async () => (await cookies()).get(SIGNED_OUT_COOKIE)?.value),
  providers: [
    Credentials({
      id: 'patient',
      name: 'DNI',
      credentials: { dni: { label: 'DNI' }, password: { label: 'Contraseña', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = patientLoginSchema.safeParse(credentials);
        if (!parsed.success) throw new LoginRefusedError({ reason: 'invalid' });
        const result = await verifyPatientCredentials(getDb(), parsed.data, { ip: clientIp(request.headers) });
        if (!result.ok) throw new LoginRefusedError(result);
        return authorized(result.user);
      },
    }),
    Credentials({
      id: 'staff',
      name: 'Usuario',
      credentials: { username: { label: 'Usuario' }, password: { label: 'Contraseña', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = staffLoginSchema.safeParse(credentials);
        if (!parsed.success) throw new LoginRefusedError({ reason: 'invalid' });
        const result = await verifyStaffCredentials(getDb(), parsed.data, { ip: clientIp(request.headers) });
        if (!result.ok) throw new LoginRefusedError(result);
        return authorized(result.user);
      },
    }),
  ],
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      log.error('Error de Auth.js.', { err: error });
    },
  },
});

/** The session of the request being served, for server components and actions (lib/auth/request-session.ts). */
export { auth } from '@/lib/auth/request-session';
