'use server';

import { AuthError } from 'next-auth';
import { cookies, headers } from 'next/headers';
import type { LoginRefusal } from '@/lib/auth/credentials';
import { auth, LoginRefusedError, signIn, signOut } from '@/lib/auth/auth';
import { patientLoginSchema, staffLoginSchema } from '@/lib/auth/schemas';
import { decodeSessionClaims, findSessionCookie } from '@/lib/auth/session-cookie';
import {
  PATIENT_HOME_PATH,
  safeReturnPath,
  SESSION_MAX_AGE_SECONDS,
  SIGNED_OUT_COOKIE,
  STAFF_HOME_PATH,
  STAFF_LOGIN_PATH,
  type SessionKind,
} from '@/lib/auth/session-claims';
import { DEFAULT_THROTTLE } from '@/lib/auth/throttle';
import { formText } from '@/lib/validation/form-data';
import { requestLog } from '@/lib/server/request-log';
import { isHttpsRequest } from '@/lib/security/headers';

export type LoginField = 'dni' | 'username' | 'password';

/** What a sign-in form shows after a refused attempt (success redirects instead). */
export type LoginState = {
  ok: false;
  /** The general message, for the alert region. */
  error: string;
  /** A second line: the staff's observation for a disabled account. */
  detail?: string;
  fieldErrors?: Partial<Record<LoginField, string>>;
} | null;

const TRY_AGAIN = 'No se pudo ingresar en este momento. Intente nuevamente en unos minutos.';

function refusalState(kind: SessionKind, refusal: LoginRefusal): Exclude<LoginState, null> {
  switch (refusal.reason) {
    case 'invalid':
      return { ok: false, error: kind === 'patient' ? 'DNI o contraseña incorrectos.' : 'Usuario o contraseña incorrectos.' };
    case 'throttled':
      return {
        ok: false,
        error: `Demasiados intentos fallidos. Por seguridad espere ${DEFAULT_THROTTLE.windowMinutes} minutos e intente nuevamente.`,
      };
    case 'web_disabled':
      return { ok: false, error: 'En este momento no se pueden tomar turnos por internet. Comuníquese con el centro.' };
    case 'inactive':
      return kind === 'patient'
        ? {
            ok: false,
            error:
              'Su usuario todavía no está activado. Para activarlo, abra el enlace que le enviamos por e-mail al registrarse. Si no lo recibió, comuníquese con el centro.',
          }
        : { ok: false, error: 'Su usuario está desactivado. Consulte con un administrador del sistema.' };
    case 'disabled':
      return {
        ok: false,
        error: 'Su usuario está deshabilitado para tomar turnos web.',
        detail: refusal.observation || undefined,
      };
  }
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): Partial<Record<LoginField, string>> {
  const out: Partial<Record<LoginField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0] as LoginField;
    out[field] ??= issue.message;
  }
  return out;
}

async function signInOrExplain(
  kind: SessionKind,
  fields: Record<string, string>,
  redirectTo: string,
): Promise<LoginState> {
  try {
    // Throws Next's redirect on success: it must escape this function.
    await signIn(kind, { ...fields, redirectTo });
  } catch (err) {
    if (err instanceof LoginRefusedError) return refusalState(kind, err.refusal);
    if (err instanceof AuthError) {
      (await requestLog()).error('No se pudo iniciar la sesión.', { err });
      return { ok: false, error: TRY_AGAIN };
    }
    throw err;
  }
  return null;
}

export async function loginPatient(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = patientLoginSchema.safeParse({ dni: formText(formData, 'dni'), password: formText(formData, 'password') });
  if (!parsed.success) {
    return { ok: false, error: 'Revise los datos marcados.', fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  const redirectTo = safeReturnPath('patient', formText(formData, 'desde')) ?? PATIENT_HOME_PATH;
  return signInOrExplain('patient', parsed.data, redirectTo);
}

export async function loginStaff(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = staffLoginSchema.safeParse({
    username: formText(formData, 'username'),
    password: formText(formData, 'password'),
  });
  if (!parsed.success) {
    return { ok: false, error: 'Revise los datos marcados.', fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  const redirectTo = safeReturnPath('staff', formText(formData, 'desde')) ?? STAFF_HOME_PATH;
  return signInOrExplain('staff', parsed.data, redirectTo);
}

/** "Salir": patients go to the portal home, staff to the staff sign-in. Usable as `<form action={logout}>`. */
export async function logout(): Promise<void> {
  const session = await auth();
  const cookie = findSessionCookie((await cookies()).getAll());
  const sid = cookie ? decodeSessionClaims(cookie)?.sid : undefined;
  if (sid) {
    // Requests still in flight will come back with this session's cookie re-issued: the marker
    // makes the middleware and auth() treat it as ended anyway.
    const secure = isHttpsRequest({ protocol: 'http:', forwardedProto: (await headers()).get('x-forwarded-proto') }, process.env.AUTH_URL);
    (await cookies()).set(SIGNED_OUT_COOKIE, sid, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  }
  await signOut({ redirectTo: session?.user?.kind === 'staff' ? STAFF_LOGIN_PATH : '/' });
}
