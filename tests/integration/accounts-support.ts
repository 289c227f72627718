/** Shared pieces of the account tests (registration, activation, reset, Mis Datos). */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import * as s from '@/db/schema';
import { createTicket } from '@/lib/accounts/challenge';
import type { RegistrationInput } from '@/lib/accounts/schemas';
import { hashPassword } from '@/lib/auth/password';

export const SECRET = 'accounts-test-secret-'.padEnd(48, 'x');
export const LINK_BASE = 'https://turnos.centro.test/';
export const IP = '203.0.113.50';
export const PASSWORD = 'clave-nueva-123';

/** What the registration form sends for `dni`, with a valid paso-1 ticket. */
export function registration(
  dni: string,
  insurerId: number,
  overrides: Partial<RegistrationInput> = {},
): RegistrationInput & { ticket: string } {
  return {
    dni,
    lastName: 'LOPEZ',
    firstName: 'CARLA',
    birthDate: '1990-05-17',
    mobile: '1155550000',
    phone: '',
    email: 'carla.lopez@example.com',
    insurerId,
    memberNumber: '123456',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    remindersOptIn: true,
    ticket: createTicket(SECRET, dni),
    ...overrides,
  };
}

export const context = (ip = IP) => ({ secret: SECRET, ip, linkBase: LINK_BASE });

/** The center's insurers: one offered on the web, one not. */
export async function insurersOf(db: DbOrTx) {
  const [web, offWeb] = await db
    .insert(s.insurers)
    .values([
      { name: 'OSDE', webEnabled: true },
      { name: 'UOCRA', webEnabled: false },
    ])
    .returning({ id: s.insurers.id });
  return { web: web.id, offWeb: offWeb.id };
}

export async function centerWithInsurers(db: DbOrTx) {
  await db.insert(s.centerSettings).values({ id: 1, centerName: 'CENTRO DE PRUEBA', contactPhones: '4444-4444' });
  return insurersOf(db);
}

/** A patient on file, optionally with a web user (`activated` false = registered, never activated). */
export async function patientOnFile(
  db: DbOrTx,
  values: Partial<s.NewPatient> & { dni: string },
  web?: { activated: boolean; password?: string },
) {
  const [patient] = await db
    .insert(s.patients)
    .values({ lastName: 'PEREZ', firstName: 'JUAN', email: 'juan.perez@example.com', mobile: '1144440000', ...values })
    .returning();
  if (!web) return { patient, accountId: null };
  const [account] = await db
    .insert(s.webAccounts)
    .values({
      patientId: patient.id,
      passwordHash: await hashPassword(web.password ?? 'paciente1234'),
      activatedAt: web.activated ? new Date('2026-01-10T12:00:00Z') : null,
    })
    .returning({ id: s.webAccounts.id });
  return { patient, accountId: account.id };
}

export async function outbox(db: DbOrTx) {
  return db
    .select({ kind: s.messages.kind, recipient: s.messages.recipient, subject: s.messages.subject, bodyText: s.messages.bodyText, bodyHtml: s.messages.bodyHtml })
    .from(s.messages)
    .orderBy(asc(s.messages.id));
}

/** The token of the first link to `path` in a mail's text. */
export function tokenIn(message: { bodyText: string }, path: string): string {
  const escaped = `${LINK_BASE}${path.replace(/^\//, '')}`.replace(/[.?]/g, '\\$&');
  const match = new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]{43})`).exec(message.bodyText);
  if (!match) throw new Error(`no ${path} link in: ${message.bodyText}`);
  return match[1];
}

export async function patientByDni(db: DbOrTx, dni: string) {
  const [row] = await db.select().from(s.patients).where(eq(s.patients.dni, dni));
  return row;
}

export async function accountOf(db: DbOrTx, patientId: number) {
  const [row] = await db.select().from(s.webAccounts).where(eq(s.webAccounts.patientId, patientId));
  return row;
}

export async function tokensOf(db: DbOrTx, accountId: number, purpose: 'activation' | 'password_reset' | 'email_change') {
  return db
    .select()
    .from(s.accountTokens)
    .where(and(eq(s.accountTokens.accountId, accountId), eq(s.accountTokens.purpose, purpose)))
    .orderBy(asc(s.accountTokens.id));
}
