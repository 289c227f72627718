import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment } from '@/lib/booking/book';
import { cancelAppointment, deleteAppointment } from '@/lib/booking/cancel';
import { enqueueCancellationNotice } from '@/lib/booking/notify';
import { composeAwaitingMessages } from '@/lib/messaging/compose-awaiting';
import { updatePatient } from '@/lib/patients/patients';
import { buildPatientExport, exportPatientData } from '@/lib/patients/export';
import { patientExportHtml } from '@/lib/patients/export-html';
import { patientSchema } from '@/lib/patients/schemas';
import { at, createTestCenter, NOW } from '../support/center';
import { describeEachEngine } from '../support/db';

const PASSWORD_HASH = '$scrypt$n=16384$SECRET-PASSWORD-HASH';
const TOKEN_HASH = 'SECRET-TOKEN-HASH-0123456789';
const LIVE_TOKEN = 'LIVE-LINK-TOKEN-abcdef';

describeEachEngine('patient data export (Ley 25.326, right of access)', (getCtx) => {
  async function setUp() {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    const [admin] = await db.insert(s.staffUsers).values({ username: 'jefa', fullName: 'Jefa', passwordHash: 'STAFF-HASH-SECRET', role: 'admin' }).returning();
    const actor = { staffId: admin.id, username: admin.username, ip: '203.0.113.9' };
    // The patient's web account, with a secret hash, and a pending link whose hash is secret too.
    const [account] = await db
      .update(s.webAccounts)
      .set({ passwordHash: PASSWORD_HASH, createdIp: '198.51.100.4', lastLoginAt: NOW })
      .where(eq(s.webAccounts.patientId, c.patientId))
      .returning();
    await db.insert(s.accountTokens).values({ accountId: account.id, purpose: 'password_reset', tokenHash: TOKEN_HASH, expiresAt: new Date(NOW.getTime() + 3_600_000) });
    // Staff corrects the patient's data (an audit entry about them).
    const [p] = await db.select().from(s.patients).where(eq(s.patients.id, c.patientId));
    const values = patientSchema.parse({ ...p, birthDate: '1980-05-04', phone: '', mobile: '1155556666', insurerId: c.insurerId, memberNumber: '123', email: p.email });
    expect(await updatePatient(db, c.patientId, values, actor)).toMatchObject({ ok: true });
    await db.update(s.patients).set({ notes: '<script>alert(1)</script> prefiere la mañana' }).where(eq(s.patients.id, c.patientId));
    // Three turnos: one kept, one cancelled (with its notice), one deleted; plus another patient's.
    const book = async (patientId: number, time: string) => {
      const r = await bookAppointment(
        db,
        { patientId, professionalId: c.professionalId, startsAt: at('2026-11-25', time), source: 'staff', staffId: admin.id, now: NOW, reason: `motivo ${time}` },
        { confirm: true },
      );
      if (!r.ok) throw new Error(r.message);
      await composeAwaitingMessages(db);
      return r.appointmentId;
    };
    const kept = await book(c.patientId, '08:00');
    const cancelled = await book(c.patientId, '08:20');
    const deleted = await book(c.patientId, '08:40');
    const others = await book(c.otherPatientId, '09:00');
    const staffActor = { kind: 'staff' as const, staffId: admin.id, label: 'jefa' };
    expect(await cancelAppointment(db, { appointmentId: cancelled, actor: staffActor, now: NOW }, (tx, a) => enqueueCancellationNotice(tx, a.id, 'center', admin.id))).toMatchObject({ ok: true });
    expect(await deleteAppointment(db, { appointmentId: deleted, staffId: admin.id, now: NOW })).toMatchObject({ ok: true });
    // A password mail whose text carries a live link.
    await db.insert(s.messages).values({
      channel: 'email',
      kind: 'password_reset',
      patientId: c.patientId,
      recipient: p.email,
      subject: 'Nueva contraseña',
      bodyText: `Abra https://turnos.example/restablecer?token=${LIVE_TOKEN} para elegir una nueva contraseña.`,
    });
    const [other] = await db.select().from(s.patients).where(eq(s.patients.id, c.otherPatientId));
    return { c, admin, actor, account, kept, cancelled, deleted, others, other };
  }

  it('holds the personal data, the web account state, every turno with its history, the messages and the audit trail', async () => {
    const { db } = getCtx();
    const { c, actor, account, kept, cancelled, deleted } = await setUp();
    const data = (await exportPatientData(db, c.patientId, 'json', actor))!;
    expect(data.patient).toMatchObject({ id: c.patientId, birthDate: '1980-05-04', mobile: '1155556666', memberNumber: '123', insurer: 'OSDE' });
    expect(data.webAccount).toMatchObject({ id: account.id, state: 'activa', createdIp: '198.51.100.4', disabled: false, lastLoginAt: NOW.toISOString() });
    expect(data.webAccount!.links).toEqual([expect.objectContaining({ purpose: 'password_reset', usedAt: null })]);

    expect(data.appointments.map((a) => a.id)).toEqual([kept, cancelled, deleted]);
    const byId = new Map(data.appointments.map((a) => [a.id, a]));
    expect(byId.get(kept)).toMatchObject({ status: 'reserved', reason: 'motivo 08:00', createdBy: 'jefa', professional: 'GONZALEZ JOSE', deletedAt: null });
    expect(byId.get(cancelled)).toMatchObject({ status: 'cancelled', cancelledBy: 'jefa', cancelledAt: expect.any(String) });
    expect(byId.get(deleted)).toMatchObject({ deletedBy: 'jefa', deletedAt: expect.any(String) });

    // Confirmations of the three turnos, the cancellation notice and the password mail.
    expect(data.messages.map((m) => m.kind).sort()).toEqual(['booking_confirmation', 'booking_confirmation', 'booking_confirmation', 'cancellation', 'password_reset']);
    const actions = data.audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['patient.update', 'appointment.delete']));
    expect(data.audit.filter((e) => e.entity === 'appointment').map((e) => Number(e.entityId))).toEqual(expect.arrayContaining([cancelled, deleted]));
  });

  it('never carries a secret: no password or token hash, no live link, nothing of another patient', async () => {
    const { db } = getCtx();
    const { c, actor, others, other } = await setUp();
    // The audit snapshot of a web account row would hold its hash: it must be cleaned too.
    await db.insert(s.auditLog).values({
      actorKind: 'staff',
      actorId: actor.staffId,
      action: 'web_account.update',
      entity: 'patient',
      entityId: String(c.patientId),
      before: { passwordHash: PASSWORD_HASH, nested: { tokenHash: TOKEN_HASH, keep: 'sí' } },
      after: { disabled: true },
    });
    const data = (await exportPatientData(db, c.patientId, 'json', actor))!;
    const text = JSON.stringify(data);
    for (const secret of [PASSWORD_HASH, TOKEN_HASH, LIVE_TOKEN, 'STAFF-HASH-SECRET', 'passwordHash', 'tokenHash', 'secretEncrypted']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('restablecer?token=[oculto]');
    expect(text).toContain('"keep":"sí"');
    expect(text).not.toContain(other.dni);
    expect(data.appointments.map((a) => a.id)).not.toContain(others);
    expect(data.messages.map((m) => m.appointmentId)).not.toContain(others);
    expect(data.audit.filter((e) => e.entity === 'appointment').map((e) => e.entityId)).not.toContain(String(others));
  });

  it('is audited (who exported whose data, in which format), and a missing patient exports and audits nothing', async () => {
    const { db } = getCtx();
    const { c, actor, admin } = await setUp();
    await exportPatientData(db, c.patientId, 'html', actor);
    const entries = await db.select().from(s.auditLog).where(and(eq(s.auditLog.action, 'patient.export'), eq(s.auditLog.entityId, String(c.patientId))));
    expect(entries).toEqual([
      expect.objectContaining({ actorKind: 'staff', actorId: admin.id, actorLabel: 'jefa', entity: 'patient', ip: '203.0.113.9', after: expect.objectContaining({ format: 'html', appointments: 3 }) }),
    ]);
    // The next export shows the previous one: the patient learns who looked at their record.
    const again = (await exportPatientData(db, c.patientId, 'json', actor))!;
    expect(again.audit.some((e) => e.action === 'patient.export')).toBe(true);

    const before = (await db.select().from(s.auditLog)).length;
    expect(await exportPatientData(db, 999_999, 'json', actor)).toBeNull();
    expect((await db.select().from(s.auditLog)).length).toBe(before);
  });

  it('prints as one self-contained Spanish page with every value escaped', async () => {
    const { db } = getCtx();
    const { c } = await setUp();
    const html = patientExportHtml((await buildPatientExport(db, c.patientId, NOW))!);
    expect(html).toContain('<html lang="es-AR">');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; prefiere la mañana');
    expect(html).not.toContain('<script');
    expect(html).toContain('25/11/2026');
    expect(html).toContain('Cancelado');
    expect(html).not.toContain(PASSWORD_HASH);
  });
});
