import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import * as s from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session-claims';
import { bookAppointment } from '@/lib/booking/book';
import { isoWeekday } from '@/lib/availability/slots';
import { at, createTestCenter, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';
import { isSpanishMessage } from '../support/hostile';
import { ACTION_CASES, INLINE_SERVER_FUNCTIONS, type Caller } from './action-cases';

/**
 * Invariant 8 for every server action, on a real database: whatever a forged request sends (wrong
 * types, huge strings, NUL bytes, unicode, SQL-ish text, negative/NaN/huge numbers, missing and
 * extra fields, arrays for scalars, repeated FormData keys), the action never throws (a thrown
 * error is a 500 page), answers a refusal in Spanish, and a refusal leaves every table as it was.
 *
 * The actions themselves run, not copies of their insides: only what needs a live Next request is
 * replaced (the session, request headers and cookies, revalidatePath), and getDb() answers the
 * test database. Sign-in goes through the real credential checks. Redirects (NEXT_REDIRECT) are a
 * normal outcome, like in a browser.
 */

const state = vi.hoisted(() => ({ db: undefined as unknown as Db, user: null as SessionUser | null }));

vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/db/client')>()), getDb: () => state.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'turnos.test', 'x-forwarded-for': '203.0.113.7' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock('@/lib/auth/session', async () => {
  const { redirect } = await import('next/navigation');
  const { staffSessionStanding, patientSessionStanding } = await import('@/lib/auth/credentials');
  return {
    getSessionUser: async () => state.user,
    getSessionSid: async () => '',
    currentStaffStanding: (staff: Parameters<typeof staffSessionStanding>[1]) => staffSessionStanding(state.db, staff, ''),
    async requirePatient() {
      if (state.user?.kind !== 'patient' || (await patientSessionStanding(state.db, state.user, '')) !== 'ok') redirect('/ingresar');
      return state.user;
    },
    async requireStaff() {
      const role = state.user?.kind === 'staff' ? await staffSessionStanding(state.db, state.user, '') : 'inactive';
      if (state.user?.kind !== 'staff' || role === 'inactive' || role === 'password_changed') redirect('/admin/ingresar');
      return { ...state.user, role };
    },
  };
});
// next-auth's ESM build does not load under vitest (it imports 'next/server' without an extension);
// the actions only use its error classes.
vi.mock('next-auth', () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {}
  return { AuthError, CredentialsSignin };
});
vi.mock('@/lib/auth/auth', async () => {
  const { redirect } = await import('next/navigation');
  const { CredentialsSignin } = await import('next-auth');
  const { verifyPatientCredentials, verifyStaffCredentials } = await import('@/lib/auth/credentials');
  const { patientLoginSchema, staffLoginSchema } = await import('@/lib/auth/schemas');
  class LoginRefusedError extends CredentialsSignin {
    constructor(readonly refusal: { reason: string }) {
      super(refusal.reason);
    }
  }
  // What Auth.js's `authorize` does (lib/auth/auth.ts), then the redirect a successful sign-in throws.
  async function signIn(kind: 'patient' | 'staff', fields: Record<string, string>) {
    const ip = '203.0.113.7';
    const parsed = (kind === 'patient' ? patientLoginSchema : staffLoginSchema).safeParse(fields);
    if (!parsed.success) throw new LoginRefusedError({ reason: 'invalid' });
    const result =
      kind === 'patient'
        ? await verifyPatientCredentials(state.db, parsed.data as never, { ip })
        : await verifyStaffCredentials(state.db, parsed.data as never, { ip });
    if (!result.ok) throw new LoginRefusedError(result);
    redirect(fields.redirectTo);
  }
  return { LoginRefusedError, signIn, signOut: async () => redirect('/'), auth: async () => (state.user ? { user: state.user } : null) };
});

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(rel) : /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

const files = [...sourceFiles('app'), ...sourceFiles('lib')].map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')] as const);
const serverModules = files.filter(([, src]) => /^\s*['"]use server['"]/.test(src)).map(([f]) => f);
const inlineServerFiles = files.filter(([, src]) => !/^\s*['"]use server['"]/.test(src) && /['"]use server['"]/.test(src)).map(([f]) => f);

type Action = (...args: unknown[]) => Promise<unknown>;

async function loadActions(): Promise<Map<string, Action>> {
  const out = new Map<string, Action>();
  for (const file of serverModules) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') out.set(`${file}#${name}`, value as Action);
  }
  return out;
}

const actions = await loadActions();

describe('server actions under coverage', () => {
  it('every exported server action is driven with hostile input (listed in action-cases.ts)', () => {
    expect(serverModules.length).toBeGreaterThanOrEqual(11);
    expect([...actions.keys()].filter((k) => !(k in ACTION_CASES))).toEqual([]);
    expect(Object.keys(ACTION_CASES).filter((k) => !actions.has(k))).toEqual([]);
  });

  it('every inline server function only forwards to a covered action', () => {
    expect(inlineServerFiles.sort()).toEqual(Object.keys(INLINE_SERVER_FUNCTIONS).sort());
    const covered = new Set(Object.keys(ACTION_CASES).map((k) => k.split('#')[1]));
    for (const [file, calls] of Object.entries(INLINE_SERVER_FUNCTIONS)) {
      const src = files.find(([f]) => f === file)![1];
      for (const name of calls) {
        expect(covered.has(name), `${file} forwards to ${name}`).toBe(true);
        expect(src).toMatch(new RegExp(`'use server';\\s*return ${name}\\(`));
      }
    }
  });
});

/** Tables whose rows record refused attempts on purpose (throttling), or worker liveness. */
const BOOKKEEPING = new Set(['login_attempts', 'rate_limit_events', 'worker_heartbeats']);

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}

/** The messages an action's answer shows, if it is a refusal; null when it is not one. */
function refusalMessages(answer: unknown): string[] | null {
  if (!answer || typeof answer !== 'object') return null;
  const a = answer as { ok?: unknown; error?: unknown; fieldErrors?: Record<string, unknown>; linkState?: unknown; detail?: unknown };
  const fieldMessages = Object.values(a.fieldErrors ?? {});
  const refused = a.ok === false || (typeof a.error === 'string' && a.error !== '') || fieldMessages.length > 0 || a.linkState !== undefined;
  if (!refused) return null;
  // A link refusal (used / expired / invalid) alone carries no text: the page shows its own Spanish one.
  return [a.error, ...fieldMessages, a.detail].filter((m) => m !== undefined && m !== null) as string[];
}

/** 10:00 on the next weekdays at least a week from now (Buenos Aires), inside the test agendas. */
function futureWeekdayMornings(count: number): Date[] {
  const out: Date[] = [];
  for (let day = 7; out.length < count; day++) {
    const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
    if (isoWeekday(date) <= 5) out.push(at(date, '10:00'));
  }
  return out;
}

function describeArgs(args: unknown[]): string {
  const text = JSON.stringify(args, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof FormData ? [...v.entries()] : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v,
  );
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

describeEachEngine(
  'server actions with hostile input',
  (getCtx) => {
    let center: TestCenter;
    let staffId: number;
    let tables: string[];

    beforeAll(async () => {
      // The anti-spam sums are signed with it; the server refuses to start without one.
      if ((process.env.AUTH_SECRET ?? '').length < 32) vi.stubEnv('AUTH_SECRET', 'x'.repeat(40));
      const { db } = getCtx();
      center = await createTestCenter(db);
      const [admin] = await db.insert(s.staffUsers).values({ username: 'jefa', fullName: 'Jefa', passwordHash: 'x', role: 'admin' }).returning();
      staffId = admin.id;
      // Turnos of the signed-in patient (ids 1 and 2), so hostile ids also reach real rows.
      for (const startsAt of futureWeekdayMornings(2)) {
        const booked = await bookAppointment(db, { patientId: center.patientId, professionalId: center.professionalId, startsAt, source: 'staff', staffId, now: new Date() });
        if (!booked.ok) throw new Error(booked.message);
      }
      const rows = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown;
      const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ tablename: string }>;
      tables = list.map((r) => r.tablename).filter((t) => !BOOKKEEPING.has(t));
      expect(tables).toEqual(expect.arrayContaining(['appointments', 'patients', 'web_accounts', 'audit_log', 'messages']));
    });

    beforeEach(() => {
      state.db = getCtx().db;
    });

    async function snapshot(): Promise<string> {
      const { db } = getCtx();
      const parts = tables.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`);
      const rows = (await db.execute(sql.raw(parts.join(' union all ')))) as unknown;
      return JSON.stringify(Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows);
    }

    async function actAs(as: Caller) {
      const { db } = getCtx();
      // A hostile call may have demoted or switched off the acting admin or the patient: restore them.
      await db.update(s.staffUsers).set({ active: true, role: 'admin' }).where(sql`${s.staffUsers.id} = ${staffId}`);
      state.user =
        as === 'admin'
          ? { kind: 'staff', id: `staff:${staffId}`, name: 'Jefa', staffId, username: 'jefa', role: 'admin', idleMinutes: 10 }
          : as === 'patient'
            ? { kind: 'patient', id: `patient:${center.patientId}`, name: 'PACIENTE', patientId: center.patientId, dni: '40000000', idleMinutes: 10 }
            : null;
    }

    for (const [key, testCase] of Object.entries(ACTION_CASES)) {
      it(key, async () => {
        const action = actions.get(key)!;
        await fc.assert(
          fc.asyncProperty(testCase.args, async (args) => {
            await actAs(testCase.as);
            const before = await snapshot();
            let answer: unknown;
            try {
              answer = await action(...args);
            } catch (err) {
              if (isNextControlFlow(err)) return;
              throw new Error(`${key} threw (a 500 for the user) on ${describeArgs(args)}: ${String(err)}${(err as { cause?: unknown }).cause ? ` / cause: ${String((err as { cause?: unknown }).cause)}` : ''}`);
            }
            const messages = refusalMessages(answer);
            if (messages === null) return;
            for (const m of messages) {
              if (!isSpanishMessage(m)) throw new Error(`${key}: refusal not in Spanish: ${JSON.stringify(m)} for ${describeArgs(args)}`);
            }
            const after = await snapshot();
            if (after !== before) throw new Error(`${key}: refused (${messages[0]}) but changed the database, for ${describeArgs(args)}`);
          }),
          { numRuns: 10, endOnFailure: true },
        );
      });
    }

    describe('counterexamples the properties found (kept as plain tests)', () => {
      const run = async (key: string, as: Caller, ...args: unknown[]) => {
        await actAs(as);
        const before = await snapshot();
        const answer = await actions.get(key)!(...args);
        return { answer, unchanged: (await snapshot()) === before };
      };
      const formOf = (entries: Record<string, string>) => {
        const fd = new FormData();
        for (const [k, v] of Object.entries(entries)) fd.append(k, v);
        return fd;
      };

      it('an id past PostgreSQL integer range is "not found", not a failed query', async () => {
        for (const key of ['lib/agenda/actions.ts#removeClosureAction', 'lib/staff/actions.ts#setStaffUserActiveAction']) {
          const { answer, unchanged } = await run(key, 'admin', { id: 2147483648, on: true });
          expect(answer).toMatchObject({ ok: false });
          expect(unchanged).toBe(true);
        }
        const { answer } = await run('lib/appointments/staff-actions.ts#staffCancelAppointment', 'admin', { appointmentId: '2147483648' });
        expect(answer).toMatchObject({ ok: false });
      });

      it('a NUL byte in a staff form is refused on its field, nothing written', async () => {
        const { answer, unchanged } = await run('lib/catalog/actions.ts#saveSpecialtyAction', 'admin', { name: 'a\u0000b' });
        expect(answer).toEqual({ ok: false, error: 'Revise los datos marcados.', fieldErrors: { name: 'Contiene un carácter no permitido.' } });
        expect(unchanged).toBe(true);
      });

      it('a NUL byte in the staff sign-in is dropped like in every portal form, not a failed insert into the attempt log', async () => {
        const { answer } = await run('lib/auth/actions.ts#loginStaff', 'anonymous', null, formOf({ username: 'je\u0000fa', password: 'incorrecta' }));
        expect(answer).toEqual({ ok: false, error: 'Usuario o contraseña incorrectos.' });
        // And a request that sends no form at all.
        expect(await run('lib/auth/actions.ts#loginStaff', 'anonymous', null, { username: 'jefa' })).toMatchObject({ answer: { ok: false } });
      });

      it("forged bound arguments of the patient's actions are refusals or the usual redirect", async () => {
        expect((await run('lib/booking/actions.ts#cancelMyAppointment', 'patient', 'undefined')).answer).toEqual({ error: 'No encontramos ese turno.' });
        const edit = await run('lib/booking/actions.ts#updateMyAppointmentReason', 'patient', [null, {}], null, formOf({ reason: 'x' }));
        expect(edit.answer).toMatchObject({ error: 'No encontramos ese turno.' });
        expect(edit.unchanged).toBe(true);
        await expect(run('lib/booking/actions.ts#acknowledgeProfessionalMessage', 'patient', new Date(), 2)).rejects.toMatchObject({
          digest: expect.stringContaining('/tomar-turno;'),
        });
      });

      it("a NUL byte in a patient's reason is dropped, the rest is kept", async () => {
        // Its own turno: the properties above may have cancelled the first ones.
        const booked = await bookAppointment(getCtx().db, { patientId: center.patientId, professionalId: center.secondProfessionalId, startsAt: futureWeekdayMornings(3)[2], source: 'staff', staffId, now: new Date() });
        if (!booked.ok) throw new Error(booked.message);
        const { answer } = await run('lib/booking/actions.ts#updateMyAppointmentReason', 'patient', booked.appointmentId, null, formOf({ reason: 'control\u0000 anual' }));
        expect(answer).toMatchObject({ ok: true });
        const [row] = await getCtx().db.select({ reason: s.appointments.reason }).from(s.appointments).where(sql`${s.appointments.id} = ${booked.appointmentId}`);
        expect(row.reason).toBe('control anual');
      });
    });

    it('staff actions refuse a visitor without a session, in Spanish, writing nothing', async () => {
      for (const [key, testCase] of Object.entries(ACTION_CASES)) {
        if (testCase.as !== 'admin') continue;
        const [args] = fc.sample(testCase.args, { numRuns: 1, seed: 7 });
        state.user = null;
        const before = await snapshot();
        const answer = (await actions.get(key)!(...args)) as { ok: boolean; error: string };
        expect(answer, key).toMatchObject({ ok: false, error: 'Su sesión terminó. Ingrese nuevamente.' });
        expect(await snapshot()).toBe(before);
      }
    });
  },
  { freshDb: 'per-file' },
);
