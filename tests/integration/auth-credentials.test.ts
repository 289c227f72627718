import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { centerSettings, loginAttempts, patients, staffUsers, webAccounts } from '@/db/schema';
import {
  patientSessionStanding,
  staffSessionStanding,
  verifyPatientCredentials,
  verifyStaffCredentials,
} from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import { describeEachEngine } from '../support/db';

const PASSWORD = 'paciente1234';
const OBSERVATION = 'Deshabilitado por inasistencias reiteradas. Comuníquese con el centro.';
const ip = '203.0.113.9';

// scrypt is slow on purpose: hash once per file, not per test.
let hashes: Promise<{ patient: string; admin: string; reception: string }> | undefined;
function knownHashes() {
  hashes ??= Promise.all([hashPassword(PASSWORD), hashPassword('admin1234'), hashPassword('recepcion1234')]).then(
    ([patient, admin, reception]) => ({ patient, admin, reception }),
  );
  return hashes;
}

async function seed(db: Db) {
  const { patient: hash, admin, reception } = await knownHashes();
  await db.insert(centerSettings).values({ id: 1, centerName: 'CENTRO DE PRUEBA', patientIdleMinutes: 7, staffIdleMinutes: 45 });
  const rows = await db
    .insert(patients)
    .values([
      { dni: '30111222', lastName: 'PEREZ', firstName: 'JUAN' },
      { dni: '33444555', lastName: 'GARCIA', firstName: 'NATALIA' },
      { dni: '27666777', lastName: 'GOMEZ', firstName: 'ROBERTO' },
      { dni: '25000111', lastName: 'SIN', firstName: 'CUENTA WEB' },
    ])
    .returning({ id: patients.id });
  const activatedAt = new Date('2026-01-01T00:00:00Z');
  await db.insert(webAccounts).values([
    { patientId: rows[0].id, passwordHash: hash, activatedAt },
    { patientId: rows[1].id, passwordHash: hash },
    { patientId: rows[2].id, passwordHash: hash, activatedAt, disabled: true, disabledObservation: OBSERVATION },
  ]);
  await db.insert(staffUsers).values([
    { username: 'admin', fullName: 'Administrador', role: 'admin', passwordHash: admin },
    { username: 'Recepcion', fullName: 'Recepción Mañana', role: 'reception', passwordHash: reception },
    { username: 'baja', fullName: 'Usuario Dado de Baja', role: 'reception', active: false, passwordHash: hash },
  ]);
  return { patientId: rows[0].id, disabledPatientId: rows[2].id, inactivePatientId: rows[1].id };
}

describeEachEngine('patient sign-in (verifyPatientCredentials)', (getCtx) => {
  let ids: Awaited<ReturnType<typeof seed>>;
  beforeEach(async () => {
    ids = await seed(getCtx().db);
  });

  it('accepts DNI + password and returns the session user with the patient idle minutes', async () => {
    const { db } = getCtx();
    const result = await verifyPatientCredentials(db, { dni: '30111222', password: PASSWORD }, { ip });
    expect(result).toEqual({
      ok: true,
      user: { kind: 'patient', id: `patient:${ids.patientId}`, patientId: ids.patientId, dni: '30111222', name: 'PEREZ JUAN', idleMinutes: 7, passwordVersion: 0 },
    });
    const [account] = await db.select().from(webAccounts).where(eq(webAccounts.patientId, ids.patientId));
    expect(account.lastLoginAt).toBeInstanceOf(Date);
    const attempts = await db.select().from(loginAttempts);
    expect(attempts).toMatchObject([{ scope: 'patient', identifier: '30111222', ip, succeeded: true }]);
  });

  it('answers a wrong password and an unknown DNI the same way', async () => {
    const { db } = getCtx();
    expect(await verifyPatientCredentials(db, { dni: '30111222', password: 'otra' }, { ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyPatientCredentials(db, { dni: '99888777', password: PASSWORD }, { ip })).toEqual({ ok: false, reason: 'invalid' });
    // A patient of the center without a web user cannot sign in either.
    expect(await verifyPatientCredentials(db, { dni: '25000111', password: PASSWORD }, { ip })).toEqual({ ok: false, reason: 'invalid' });
    const [account] = await db.select().from(webAccounts).where(eq(webAccounts.patientId, ids.patientId));
    expect(account.lastLoginAt).toBeNull();
  });

  it('takes about as long for an unknown DNI as for a known one (no enumeration by timing)', async () => {
    const { db } = getCtx();
    const time = async (dni: string) => {
      const start = performance.now();
      await verifyPatientCredentials(db, { dni, password: 'otra' }, { ip: `198.51.100.${dni.length}` });
      return performance.now() - start;
    };
    // The fastest of three runs each: the least disturbed by whatever else the machine does.
    const fastest = async (dni: string) => Math.min(await time(dni), await time(dni), await time(dni));
    const unknown = await fastest('11222333');
    const known = await fastest('30111222');
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('tells an account not yet activated to use the e-mail link, only with the right password', async () => {
    const { db } = getCtx();
    expect(await verifyPatientCredentials(db, { dni: '33444555', password: PASSWORD }, { ip })).toEqual({ ok: false, reason: 'inactive' });
    expect(await verifyPatientCredentials(db, { dni: '33444555', password: 'otra' }, { ip })).toEqual({ ok: false, reason: 'invalid' });
  });

  it("refuses a disabled account with the staff's observation, only with the right password", async () => {
    const { db } = getCtx();
    expect(await verifyPatientCredentials(db, { dni: '27666777', password: PASSWORD }, { ip })).toEqual({
      ok: false,
      reason: 'disabled',
      observation: OBSERVATION,
    });
    expect(await verifyPatientCredentials(db, { dni: '27666777', password: 'otra' }, { ip })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses everyone while the web is switched off (ACTIVAR unticked)', async () => {
    const { db } = getCtx();
    await db.update(centerSettings).set({ webEnabled: false });
    expect(await verifyPatientCredentials(db, { dni: '30111222', password: PASSWORD }, { ip })).toEqual({ ok: false, reason: 'web_disabled' });
  });

  it('re-checks a signed-in patient: disabling the account takes effect at once', async () => {
    const { db } = getCtx();
    expect(await patientSessionStanding(db, { patientId: ids.patientId }, 'sid')).toBe('ok');
    expect(await patientSessionStanding(db, { patientId: ids.disabledPatientId }, 'sid')).toBe('disabled');
    expect(await patientSessionStanding(db, { patientId: ids.inactivePatientId }, 'sid')).toBe('disabled');
    await db.update(webAccounts).set({ disabled: true }).where(eq(webAccounts.patientId, ids.patientId));
    expect(await patientSessionStanding(db, { patientId: ids.patientId }, 'sid')).toBe('disabled');
  });

  it('refuses the 6th failed attempt on an account even with the right password', async () => {
    const { db } = getCtx();
    for (let i = 0; i < 5; i++) {
      expect(await verifyPatientCredentials(db, { dni: '30111222', password: `mal${i}` }, { ip })).toMatchObject({ reason: 'invalid' });
    }
    expect(await verifyPatientCredentials(db, { dni: '30111222', password: PASSWORD }, { ip: '192.0.2.1' })).toEqual({
      ok: false,
      reason: 'throttled',
    });
  });
});

describeEachEngine('staff sign-in (verifyStaffCredentials)', (getCtx) => {
  beforeEach(async () => {
    await seed(getCtx().db);
  });

  it('accepts the username in any case and returns role and staff idle minutes', async () => {
    const { db } = getCtx();
    const result = await verifyStaffCredentials(db, { username: 'RECEPCION', password: 'recepcion1234' }, { ip });
    expect(result).toMatchObject({
      ok: true,
      user: { kind: 'staff', username: 'Recepcion', name: 'Recepción Mañana', role: 'reception', idleMinutes: 45 },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(result.user.id).toBe(`staff:${result.user.staffId}`);
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, result.user.staffId));
    expect(row.lastLoginAt).toBeInstanceOf(Date);
    expect(result.user.passwordVersion).toBe(0);
    expect(await staffSessionStanding(db, result.user, 'sid')).toBe('reception');
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const { db } = getCtx();
    expect(await verifyStaffCredentials(db, { username: 'admin', password: 'x' }, { ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyStaffCredentials(db, { username: 'nadie', password: 'admin1234' }, { ip })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a deactivated staff user, and stops an open session from using the panel', async () => {
    const { db } = getCtx();
    expect(await verifyStaffCredentials(db, { username: 'baja', password: PASSWORD }, { ip })).toEqual({ ok: false, reason: 'inactive' });
    const [baja] = await db.select().from(staffUsers).where(eq(staffUsers.username, 'baja'));
    expect(await staffSessionStanding(db, { staffId: baja.id }, 'sid')).toBe('inactive');
  });
});
