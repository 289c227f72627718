import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { PASSWORD_CHANGED_SIGN_IN_AGAIN, type SessionUser } from '@/lib/auth/session-claims';
import { ACTIONS } from '../support/access-map';
import { createTestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

/**
 * Every server action checks who calls it by itself, whatever the middleware did: each one is
 * called directly, as a function, with each kind of session, on a real database. (The HTTP side,
 * through the middleware, is tests/e2e/access-control.spec.ts.)
 */

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.user ? { user: session.user, expires: '2099-01-01T00:00:00Z' } : null),
  signIn: async () => {
    throw new Error('signIn is not part of this test');
  },
  signOut: async () => undefined,
  LoginRefusedError: class LoginRefusedError extends Error {},
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.9', host: 'turnos.test' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined }),
}));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/** The 'use server' modules under lib/, and their exported actions, read from the sources. */
function serverActionModules(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(file, 'utf8');
        if (!/^'use server';/.test(source)) continue;
        const names = [...source.matchAll(/^export (?:async function|const) (\w+)/gm)].map((m) => m[1]);
        out.set(path.relative(process.cwd(), file).split(path.sep).join('/'), names);
      }
    }
  };
  walk(path.resolve('lib'));
  return out;
}

const libModules = import.meta.glob('../../lib/**/*.ts');

const NOT_ALLOWED = 'No tiene permiso para esta acción. Consulte con un administrador.';
const SESSION_ENDED = 'Su sesión terminó. Ingrese nuevamente.';
const CHECK_FIELDS = 'Revise los datos marcados.';

/** Where a refused patient action sends the caller (Next's redirect() throws it). */
async function redirectOf(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (err) {
    const digest = String((err as { digest?: unknown }).digest ?? '');
    if (!digest.startsWith('NEXT_REDIRECT')) throw err;
    return digest.split(';')[2] ?? '';
  }
}

/** Every server action in lib/, with its access in the map and a call with hostile input. */
async function forEachAction(visit: (access: (typeof ACTIONS)[string], name: string, call: () => Promise<unknown>) => Promise<void>) {
  for (const [file, names] of serverActionModules()) {
    const mod = (await libModules[`../../${file}`]()) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of names) await visit(ACTIONS[`${file}#${name}`], name, () => mod[name]('__invalido__', undefined, undefined));
  }
}

describeEachEngine('server actions check the caller themselves', (getCtx) => {
  const users: Record<'admin' | 'reception' | 'patient', SessionUser> = {} as never;

  beforeEach(async () => {
    const { db, handle } = getCtx();
    // getDb() inside the actions: this test's database.
    (globalThis as { __turnosDb?: unknown }).__turnosDb = handle;
    const c = await createTestCenter(db);
    const staff = await db
      .insert(s.staffUsers)
      .values([
        { username: 'jefa', fullName: 'Jefa', passwordHash: 'x', role: 'admin' },
        { username: 'recepcion', fullName: 'Recepción', passwordHash: 'x', role: 'reception' },
      ])
      .returning();
    const staffUser = (i: number) =>
      ({ kind: 'staff', id: `staff:${staff[i].id}`, staffId: staff[i].id, username: staff[i].username, name: staff[i].fullName, role: staff[i].role, idleMinutes: 10 }) as SessionUser;
    users.admin = staffUser(0);
    users.reception = staffUser(1);
    users.patient = { kind: 'patient', id: `patient:${c.patientId}`, patientId: c.patientId, dni: '1', name: 'PACIENTE', idleMinutes: 10 } as SessionUser;
  });

  afterEach(() => {
    delete (globalThis as { __turnosDb?: unknown }).__turnosDb;
    session.user = null;
  });

  it('every action in lib/ is listed in the access map, and the map lists nothing that is gone', () => {
    const found = [...serverActionModules()].flatMap(([file, names]) => names.map((n) => `${file}#${n}`)).sort();
    expect(found).toEqual(Object.keys(ACTIONS).filter((k) => k.startsWith('lib/')).sort());
  });

  it('staff actions refuse patients and nobody; admin actions refuse reception; the right role only trips on the bad input', async () => {
    const { db } = getCtx();
    const before = await db.select().from(s.auditLog);
    await forEachAction(async (access, name, call) => {
      if (access === 'staff' || access === 'admin') {
        for (const who of [null, users.patient]) {
          session.user = who;
          expect(await call(), `${who?.kind ?? 'nadie'} → ${name}`).toMatchObject({ ok: false, error: SESSION_ENDED });
        }
        session.user = users.reception;
        if (access === 'admin') expect(await call(), `recepción → ${name}`).toMatchObject({ ok: false, error: NOT_ALLOWED });
        else expect(await call(), `recepción → ${name}`).toMatchObject({ ok: false, error: CHECK_FIELDS });
        session.user = users.admin;
        expect(await call(), `admin → ${name}`).toMatchObject({ ok: false, error: CHECK_FIELDS });
      } else if (access === 'patient') {
        for (const who of [null, users.reception, users.admin]) {
          session.user = who;
          expect(await redirectOf(call()), `${who?.kind ?? 'nadie'} → ${name}`).toBe('/ingresar');
        }
      }
    });
    // Nothing was written by any of those calls.
    expect(await db.select().from(s.auditLog)).toEqual(before);
  });

  it('a session signed in before a password change is refused by every action, and told why', async () => {
    const { db } = getCtx();
    // Someone changed both passwords since these sessions signed in (they carry version 0).
    await db.update(s.staffUsers).set({ passwordVersion: 1 });
    await db.update(s.webAccounts).set({ passwordVersion: 1 });
    const before = await db.select().from(s.auditLog);
    await forEachAction(async (access, name, call) => {
      if (access === 'staff' || access === 'admin') {
        session.user = users.admin;
        expect(await call(), `admin → ${name}`).toMatchObject({ ok: false, error: PASSWORD_CHANGED_SIGN_IN_AGAIN });
      } else if (access === 'patient') {
        session.user = users.patient;
        expect(await redirectOf(call()), `paciente → ${name}`).toBe('/ingresar?motivo=clave-cambiada');
      }
    });
    expect(await db.select().from(s.auditLog)).toEqual(before);
  });
});
