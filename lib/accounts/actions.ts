'use server';

import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { LoginRefusedError, signIn } from '@/lib/auth/auth';
import { getSessionSid, requirePatient } from '@/lib/auth/session';
import { clientIp } from '@/lib/auth/throttle';
import { getCenterSettings } from '@/lib/settings/queries';
import { formText } from '@/lib/validation/form-data';
import { activateAccount } from './activation';
import { antiSpamSecret, createChallenge, type Challenge } from './challenge';
import { confirmEmailChange, requestEmailChange } from './email-change';
import { linkBase, requestOrigin } from './links';
import { changeMyPassword, updateMyContactData } from './my-data';
import { requestPasswordReset, resetPassword } from './password-reset';
import { registerPatient, startRegistration } from './registration';
import {
  activationSchema,
  changeEmailSchema,
  changePasswordSchema,
  fieldErrorsOf,
  forgotPasswordSchema,
  myContactSchema,
  registrationSchema,
  registrationStartSchema,
  resetPasswordSchema,
  type AccountFormState,
} from './schemas';

/**
 * The portal's account actions: parse with the form's own schema, then call lib/accounts. Each is a
 * public endpoint; the Mis Datos ones take the patient from the session, never from the form.
 */

const CHECK_FIELDS = 'Revise los datos marcados.';
const WRONG_SUM = 'La cuenta no es correcta. Resuelva la nueva cuenta.';
const EXPIRED_SUM = 'Pasó demasiado tiempo. Resuelva la nueva cuenta.';
const TOO_MANY = 'Recibimos demasiados pedidos. Por seguridad, espere una hora e intente nuevamente.';
const THROTTLED = 'Demasiados intentos fallidos. Por seguridad espere 15 minutos e intente nuevamente.';
const WEB_CLOSED = 'En este momento no se pueden tomar turnos por internet. Comuníquese con el centro.';

async function requestContext() {
  const h = await headers();
  const db = getDb();
  const center = await getCenterSettings(db);
  return { db, center, ip: clientIp(h), linkBase: linkBase(center.webAddress, requestOrigin(h)) };
}

// ---------------------------------------------------------------- Registrarse

export type RegistrationStartState = AccountFormState & { challenge: Challenge; next?: { dni: string; ticket: string } };

/** Paso 1: DNI + the sum. Success hands the form a ticket for paso 2. */
export async function startRegistrationAction(_prev: RegistrationStartState, formData: FormData): Promise<RegistrationStartState> {
  const secret = antiSpamSecret();
  const parsed = registrationStartSchema.safeParse({ dni: formText(formData, 'dni'), answer: formText(formData, 'answer') });
  if (!parsed.success) {
    return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error), challenge: createChallenge(secret) };
  }
  const result = startRegistration({ ...parsed.data, challenge: formText(formData, 'challenge') }, secret);
  if (!result.ok) {
    const message = result.reason === 'expired' ? EXPIRED_SUM : WRONG_SUM;
    return { error: message, fieldErrors: { answer: message }, challenge: createChallenge(secret) };
  }
  return { ok: true, challenge: createChallenge(secret), next: { dni: result.dni, ticket: result.ticket } };
}

export type RegistrationState = AccountFormState & { restart?: Challenge };

/** Paso 2. The same answer for every DNI (lib/accounts/registration.ts explains why). */
export async function registerAction(_prev: RegistrationState, formData: FormData): Promise<RegistrationState> {
  const parsed = registrationSchema.safeParse({
    dni: formText(formData, 'dni'),
    lastName: formText(formData, 'lastName'),
    firstName: formText(formData, 'firstName'),
    birthDate: formText(formData, 'birthDate'),
    mobile: formText(formData, 'mobile'),
    phone: formText(formData, 'phone'),
    email: formText(formData, 'email'),
    insurerId: formText(formData, 'insurerId'),
    memberNumber: formText(formData, 'memberNumber'),
    password: formText(formData, 'password'),
    passwordConfirm: formText(formData, 'passwordConfirm'),
    remindersOptIn: formText(formData, 'remindersOptIn') === 'on',
  });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, center, ip, linkBase } = await requestContext();
  if (!center.webEnabled) return { error: WEB_CLOSED };
  const secret = antiSpamSecret();
  const result = await registerPatient(db, { ...parsed.data, ticket: formText(formData, 'ticket') }, { secret, ip, linkBase });
  if (result.ok) return { ok: true };
  switch (result.reason) {
    case 'ticket':
      return { error: 'Pasó demasiado tiempo desde que ingresó su DNI. Vuelva a ingresarlo para continuar.', restart: createChallenge(secret) };
    case 'rate_limited':
      return { error: TOO_MANY };
    case 'invalid':
      return { error: CHECK_FIELDS, fieldErrors: result.fieldErrors };
  }
}

// ---------------------------------------------------------------- Links that sign the patient in

/**
 * Signs in with the DNI and the password the patient has just typed (and proved with a link), so
 * the usual checks apply: web switched off, account disabled. Redirects on success.
 */
async function signInNow(dni: string, password: string, redirectTo: string): Promise<string | null> {
  try {
    await signIn('patient', { dni, password, redirectTo });
  } catch (err) {
    if (err instanceof LoginRefusedError) {
      const { refusal } = err;
      if (refusal.reason === 'web_disabled') return WEB_CLOSED;
      if (refusal.reason === 'disabled') return `Su usuario está deshabilitado para tomar turnos web. ${refusal.observation}`.trim();
      return 'No pudimos iniciar su sesión. Ingrese con su DNI y su contraseña.';
    }
    if (err instanceof AuthError) return 'No pudimos iniciar su sesión. Ingrese con su DNI y su contraseña.';
    throw err;
  }
  return null;
}

export type LinkState = AccountFormState & { linkState?: 'used' | 'expired' | 'invalid' };

/** "Activar mi usuario" (bound to the link's token). Success signs in and opens Mis Datos. */
export async function activateAction(token: string, _prev: LinkState, formData: FormData): Promise<LinkState> {
  const parsed = activationSchema.safeParse({ password: formText(formData, 'password') });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, ip, linkBase } = await requestContext();
  const result = await activateAccount(db, { token, password: parsed.data.password }, { ip, linkBase });
  if (!result.ok) {
    if (result.reason === 'password') return { error: CHECK_FIELDS, fieldErrors: result.fieldErrors };
    if (result.reason === 'throttled') return { error: THROTTLED };
    return { linkState: result.reason };
  }
  const refused = await signInNow(result.dni, parsed.data.password, '/mis-datos?bienvenida=1');
  return { ok: true, message: 'Su usuario quedó activado.', error: refused ?? undefined };
}

/** "Elegir una nueva contraseña" (bound to the link's token). Success signs in. */
export async function resetPasswordAction(token: string, _prev: LinkState, formData: FormData): Promise<LinkState> {
  const parsed = resetPasswordSchema.safeParse({ password: formText(formData, 'password'), passwordConfirm: formText(formData, 'passwordConfirm') });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, ip } = await requestContext();
  const result = await resetPassword(db, { token, password: parsed.data.password }, { ip });
  if (!result.ok) return { linkState: result.reason };
  const refused = await signInNow(result.dni, parsed.data.password, '/mis-turnos');
  return { ok: true, message: 'Su contraseña fue cambiada.', error: refused ?? undefined };
}

/** "Confirmar mi e-mail" (bound to the link's token). */
export async function confirmEmailAction(token: string, _prev: LinkState): Promise<LinkState> {
  const { db, ip } = await requestContext();
  const result = await confirmEmailChange(db, token, { ip });
  if (!result.ok) return { linkState: result.reason };
  revalidatePath('/mis-datos');
  return { ok: true, message: `Listo: desde ahora usamos ${result.newEmail} para escribirle.` };
}

// ---------------------------------------------------------------- ¿Olvidó su contraseña?

export type ForgotPasswordState = AccountFormState & { challenge: Challenge };

export async function forgotPasswordAction(_prev: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const secret = antiSpamSecret();
  const parsed = forgotPasswordSchema.safeParse({ dni: formText(formData, 'dni'), answer: formText(formData, 'answer') });
  if (!parsed.success) {
    return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error), challenge: createChallenge(secret) };
  }
  const { db, ip, linkBase } = await requestContext();
  const result = await requestPasswordReset(db, { ...parsed.data, challenge: formText(formData, 'challenge') }, { secret, ip, linkBase });
  if (result.ok) return { ok: true, challenge: createChallenge(secret) };
  if (result.reason === 'rate_limited') return { error: TOO_MANY, challenge: createChallenge(secret) };
  const message = result.reason === 'antispam_expired' ? EXPIRED_SUM : WRONG_SUM;
  return { error: message, fieldErrors: { answer: message }, challenge: createChallenge(secret) };
}

// ---------------------------------------------------------------- Mis Datos

export async function updateMyContactAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const patient = await requirePatient();
  const parsed = myContactSchema.safeParse({
    mobile: formText(formData, 'mobile'),
    phone: formText(formData, 'phone'),
    address: formText(formData, 'address'),
    insurerId: formText(formData, 'insurerId'),
    memberNumber: formText(formData, 'memberNumber'),
    remindersOptIn: formText(formData, 'remindersOptIn') === 'on',
  });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, ip } = await requestContext();
  const result = await updateMyContactData(db, patient.patientId, parsed.data, { ip });
  if (!result.ok) return result.reason === 'throttled' ? { error: THROTTLED } : { error: CHECK_FIELDS, fieldErrors: result.fieldErrors };
  revalidatePath('/mis-datos');
  return { ok: true, message: 'Sus datos fueron guardados.' };
}

export async function changeMyPasswordAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const patient = await requirePatient();
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formText(formData, 'currentPassword'),
    newPassword: formText(formData, 'newPassword'),
    newPasswordConfirm: formText(formData, 'newPasswordConfirm'),
  });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, ip } = await requestContext();
  const result = await changeMyPassword(db, patient.patientId, parsed.data, { ip, sid: await getSessionSid() });
  if (!result.ok) return result.reason === 'throttled' ? { error: THROTTLED } : { error: CHECK_FIELDS, fieldErrors: result.fieldErrors };
  return { ok: true, message: 'Su contraseña fue cambiada.' };
}

export async function requestEmailChangeAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const patient = await requirePatient();
  const parsed = changeEmailSchema.safeParse({ newEmail: formText(formData, 'newEmail'), currentPassword: formText(formData, 'currentPassword') });
  if (!parsed.success) return { error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
  const { db, ip, linkBase } = await requestContext();
  const result = await requestEmailChange(db, patient.patientId, parsed.data, { ip, linkBase });
  if (result.ok) {
    return {
      ok: true,
      message: `Le enviamos un mail a ${parsed.data.newEmail}. Su e-mail cambiará cuando abra el enlace de ese mail.`,
    };
  }
  if (result.reason === 'throttled') return { error: THROTTLED };
  if (result.reason === 'rate_limited') return { error: TOO_MANY };
  return { error: CHECK_FIELDS, fieldErrors: result.fieldErrors };
}
