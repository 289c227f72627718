import { addDays, format } from 'date-fns';
import { fromZonedTime, toZonedTime } from 'date-fns-tz';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../lib/auth/password';
import type { Db, DbOrTx } from './client';
import * as s from './schema';
import {
  DEMO_PASSWORD,
  demoHolidays,
  demoInsurers,
  demoPatients,
  demoProfessionals,
  demoSettings,
  demoSpecialties,
  demoStaff,
  demoStudies,
} from './seed-data';

export interface SeedOptions {
  /** Overrides the demo admin (SEED_ADMIN_USERNAME / SEED_ADMIN_PASSWORD). */
  adminUsername?: string;
  adminPassword?: string;
  /** "Now" for the demo appointments; tests pass a fixed instant. */
  now?: Date;
}

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: s.centerSettings.id }).from(s.centerSettings).limit(1);
  return rows.length > 0;
}

/**
 * An empty center for production: the settings row and the first admin. Returns false when
 * the database already has a center.
 */
export async function seedEmptyCenter(
  db: Db,
  options: { adminUsername: string; adminPassword: string; centerName?: string },
): Promise<boolean> {
  const passwordHash = await hashPassword(options.adminPassword);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7245002)`);
    if (await isSeeded(tx)) return false;
    await tx.insert(s.centerSettings).values({ id: 1, centerName: options.centerName ?? 'MI CENTRO MEDICO', webEnabled: false });
    await tx.insert(s.staffUsers).values({
      username: options.adminUsername,
      fullName: 'Administrador',
      passwordHash,
      role: 'admin',
    });
    await tx.insert(s.providerSettings).values([{ channel: 'email' }, { channel: 'sms' }]);
    return true;
  });
}

/**
 * The demo center ("CENTRO MEDICO DEMO") with agendas, insurers, web patients and some turnos.
 * Idempotent: returns false, touching nothing, when a center already exists.
 */
export async function seedDemoCenter(db: Db, options: SeedOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  // Hash outside the transaction: scrypt is slow on purpose.
  const staff = await Promise.all(
    demoStaff.map(async (member, i) => ({
      username: i === 0 && options.adminUsername ? options.adminUsername : member.username,
      fullName: member.fullName,
      role: member.role,
      passwordHash: await hashPassword(i === 0 && options.adminPassword ? options.adminPassword : member.password),
    })),
  );
  const patientHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7245002)`);
    if (await isSeeded(tx)) return false;

    const [settings] = await tx.insert(s.centerSettings).values({ id: 1, ...demoSettings }).returning();
    await tx.insert(s.staffUsers).values(staff);
    await tx.insert(s.providerSettings).values([{ channel: 'email' }, { channel: 'sms' }]);

    const specialtyIds = idMap(
      await tx
        .insert(s.specialties)
        .values(demoSpecialties.map((sp) => ({ name: sp.name, webEnabled: sp.webEnabled, webName: sp.webName ?? '' })))
        .returning({ id: s.specialties.id, name: s.specialties.name }),
    );
    const studyIds = idMap(
      await tx.insert(s.studies).values(demoStudies).returning({ id: s.studies.id, name: s.studies.name }),
    );
    const insurerIds = idMap(
      await tx
        .insert(s.insurers)
        .values(demoInsurers.map((ins) => ({ ...ins, active: ins.active ?? true })))
        .returning({ id: s.insurers.id, name: s.insurers.name }),
    );

    const today = format(toZonedTime(now, settings.timeZone), 'yyyy-MM-dd');
    const validFrom = format(addDays(new Date(`${today}T12:00:00Z`), -60), 'yyyy-MM-dd');
    const professionalIds: number[] = [];
    for (const pro of demoProfessionals) {
      const [row] = await tx
        .insert(s.professionals)
        .values({
          lastName: pro.lastName,
          firstName: pro.firstName,
          license: pro.license,
          webEnabled: pro.webEnabled,
          generalMessage: pro.generalMessage ?? '',
          bookingMessage: pro.bookingMessage ?? '',
          maxDaysAhead: pro.maxDaysAhead ?? 30,
        })
        .returning({ id: s.professionals.id });
      professionalIds.push(row.id);
      await tx.insert(s.professionalSpecialties).values(pro.specialties.map((n) => ({ professionalId: row.id, specialtyId: specialtyIds[n] })));
      await tx.insert(s.professionalStudies).values(pro.studies.map((n) => ({ professionalId: row.id, studyId: studyIds[n] })));
      await tx.insert(s.schedules).values(
        pro.blocks.flatMap((b) =>
          b.weekdays.map((weekday) => ({
            professionalId: row.id,
            weekday,
            startTime: b.start,
            endTime: b.end,
            slotMinutes: b.slotMinutes,
            validFrom,
            specialtyId: b.specialty ? specialtyIds[b.specialty] : null,
            studyId: b.study ? studyIds[b.study] : null,
          })),
        ),
      );
    }
    await tx.insert(s.scheduleExceptions).values(
      demoHolidays.map((h) => ({ professionalId: null, startsOn: h.date, endsOn: h.date, reason: h.reason })),
    );

    const patientIds: number[] = [];
    for (const p of demoPatients) {
      const [row] = await tx
        .insert(s.patients)
        .values({
          dni: p.dni,
          lastName: p.lastName,
          firstName: p.firstName,
          birthDate: p.birthDate,
          email: p.email,
          mobile: p.mobile,
          insurerId: insurerIds[p.insurer],
          memberNumber: p.memberNumber,
        })
        .returning({ id: s.patients.id });
      patientIds.push(row.id);
      if (p.web) {
        await tx.insert(s.webAccounts).values({
          patientId: row.id,
          passwordHash: patientHash,
          activatedAt: p.web === 'inactive' ? null : now,
          disabled: p.web === 'disabled',
          disabledObservation: p.disabledObservation ?? '',
        });
      }
    }

    await tx.insert(s.appointments).values(
      demoAppointments(now, settings.timeZone, professionalIds, patientIds, specialtyIds, insurerIds),
    );
    await tx.insert(s.messageTemplates).values([
      {
        channel: 'email',
        title: 'Recordatorio de Turno',
        body:
          'Estimado/a [[PACIENTE]]:\n\nLe recordamos su turno del día [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]).\n\n' +
          'Si no puede concurrir, por favor cancélelo desde [[DIRECCION WEB]] o llamando al [[TELEFONO CENTRO]].\n\n[[CENTRO]]',
      },
      {
        channel: 'sms',
        title: 'Recordatorio SMS',
        body: '[[CENTRO]]: turno [[FECHA]] [[HORA]] con [[PROFESIONAL]]. Para cancelar llame al [[TELEFONO CENTRO]]',
      },
    ]);
    return true;
  });
}

function idMap(rows: Array<{ id: number; name: string }>): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

/**
 * Some turnos around "now": past ones attended or missed, future ones reserved, one cancelled.
 * Built from the demo agendas so every one sits on a real slot and none overlap.
 */
function demoAppointments(
  now: Date,
  timeZone: string,
  professionalIds: number[],
  patientIds: number[],
  specialtyIds: Record<string, number>,
  insurerIds: Record<string, number>,
): s.NewAppointment[] {
  const holidays = new Set(demoHolidays.map((h) => h.date));
  const rows: s.NewAppointment[] = [];
  const todayLocal = toZonedTime(now, timeZone);
  const fillers = demoPatients.flatMap((p, i) => (i >= 2 && !p.noAppointments ? [i] : []));
  let turn = 0;
  demoProfessionals.forEach((pro, proIndex) => {
    for (let offset = -14; offset <= 14; offset++) {
      const day = addDays(todayLocal, offset);
      const date = format(day, 'yyyy-MM-dd');
      const isoWeekday = Number(format(day, 'i'));
      if (holidays.has(date)) continue;
      for (const block of pro.blocks.filter((b) => b.weekdays.includes(isoWeekday))) {
        let slot = fromZonedTime(`${date}T${block.start}:00`, timeZone);
        const end = fromZonedTime(`${date}T${block.end}:00`, timeZone);
        let index = 0;
        while (slot < end) {
          const slotEnd = new Date(slot.getTime() + block.slotMinutes * 60_000);
          // Roughly one slot in three is taken, so the agendas look like a real week.
          if ((index + offset + proIndex) % 3 === 0) {
            // The two demo web patients (0 and 1) get a few turnos; the others fill the rest.
            const patientIndex = turn % 9 === 0 ? 0 : turn % 9 === 4 ? 1 : fillers[turn % fillers.length];
            const patient = demoPatients[patientIndex];
            const past = slotEnd <= now;
            const future = slot > now;
            if (past || future) {
              rows.push({
                professionalId: professionalIds[proIndex],
                specialtyId: block.specialty ? specialtyIds[block.specialty] : null,
                patientId: patientIds[patientIndex],
                insurerId: insurerIds[patient.insurer],
                startsAt: slot,
                endsAt: slotEnd,
                status: past ? (turn % 5 === 0 ? 'absent' : 'present') : 'reserved',
                source: turn % 2 === 0 ? 'web' : 'staff',
                reason: turn % 4 === 0 ? 'Control anual' : '',
                createdAt: new Date(Math.min(slot.getTime(), now.getTime()) - 3 * 86_400_000),
              });
              turn++;
            }
          }
          slot = slotEnd;
          index++;
        }
      }
    }
  });
  // Keep the demo web patients within the default limits (4 future turnos each) and one cancelled.
  for (const patientId of [patientIds[0], patientIds[1]]) {
    const future = rows.filter((r) => r.patientId === patientId && r.startsAt > now);
    future.slice(3).forEach((r) => (r.patientId = patientIds[fillers[Number(r.startsAt) % fillers.length]]));
    const cancelled = future[2];
    if (cancelled) {
      cancelled.status = 'cancelled';
      cancelled.cancelledAt = now;
      cancelled.cancelOrigin = cancelled.source === 'web' ? 'web' : 'staff';
    }
  }
  return rows;
}
