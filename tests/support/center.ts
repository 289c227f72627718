/**
 * A small, realistic center for domain tests: one web specialty, two professionals with a weekday
 * morning agenda (08:00-12:00, 20-minute slots), web patients, insurers. "Now" is fixed at
 * Monday 23/11/2026 09:00 in Buenos Aires (12:00 UTC).
 */
import { fromZonedTime } from 'date-fns-tz';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import type { BookingRequest } from '../../lib/booking/book';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const TZ = 'America/Argentina/Buenos_Aires';

/** The instant of a local wall time in Buenos Aires, e.g. at('2026-11-25', '10:00'). */
export function at(date: string, time: string): Date {
  return fromZonedTime(`${date}T${time}:00`, TZ);
}

export interface TestCenter {
  specialtyId: number;
  otherSpecialtyId: number;
  professionalId: number;
  secondProfessionalId: number;
  insurerId: number;
  offWebInsurerId: number;
  patientId: number;
  otherPatientId: number;
  addPatient(dni?: string): Promise<number>;
}

let dniCounter = 40_000_000;

export async function createTestCenter(db: DbOrTx, settings: Partial<s.NewCenterSettings> = {}): Promise<TestCenter> {
  await db.insert(s.centerSettings).values({
    id: 1,
    centerName: 'CENTRO DE PRUEBA',
    minBookingNoticeHours: 2,
    cancelCutoffHours: 24,
    ...settings,
  });
  const [cardio, derma] = await db
    .insert(s.specialties)
    .values([
      { name: 'CARDIOLOGIA', webEnabled: true },
      { name: 'DERMATOLOGIA', webEnabled: false },
    ])
    .returning();
  const [pro, pro2] = await db
    .insert(s.professionals)
    .values([
      { lastName: 'GONZALEZ', firstName: 'JOSE', webEnabled: true, maxDaysAhead: 30 },
      { lastName: 'JUAREZ', firstName: 'LEONEL', webEnabled: true, maxDaysAhead: 30 },
    ])
    .returning();
  await db.insert(s.professionalSpecialties).values([
    { professionalId: pro.id, specialtyId: cardio.id },
    { professionalId: pro2.id, specialtyId: cardio.id },
    { professionalId: pro2.id, specialtyId: derma.id },
  ]);
  await db.insert(s.schedules).values(
    [pro.id, pro2.id].flatMap((professionalId) =>
      [1, 2, 3, 4, 5].map((weekday) => ({
        professionalId,
        weekday,
        startTime: '08:00',
        endTime: '12:00',
        slotMinutes: 20,
        validFrom: '2026-01-01',
        specialtyId: null,
      })),
    ),
  );
  const [osde, uocra] = await db
    .insert(s.insurers)
    .values([
      { name: 'OSDE', webEnabled: true },
      { name: 'UOCRA', webEnabled: false },
    ])
    .returning();

  const addPatient = async (dni = String(dniCounter++)) => {
    const [p] = await db
      .insert(s.patients)
      .values({ dni, lastName: 'PACIENTE', firstName: dni, email: `p${dni}@example.com`, insurerId: osde.id })
      .returning();
    await db.insert(s.webAccounts).values({ patientId: p.id, passwordHash: 'x', activatedAt: NOW });
    return p.id;
  };
  return {
    specialtyId: cardio.id,
    otherSpecialtyId: derma.id,
    professionalId: pro.id,
    secondProfessionalId: pro2.id,
    insurerId: osde.id,
    offWebInsurerId: uocra.id,
    patientId: await addPatient(),
    otherPatientId: await addPatient(),
    addPatient,
  };
}

export async function updateSettings(db: DbOrTx, values: Partial<s.NewCenterSettings>) {
  await db.update(s.centerSettings).set(values).where(eq(s.centerSettings.id, 1));
}

/**
 * A patient's web booking at this center (the first patient, the first professional, Wednesday
 * 25/11 10:00, OSDE, from one IP, "now" = NOW), with any field overridden.
 */
export function webBooking(c: TestCenter, overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    patientId: c.patientId,
    professionalId: c.professionalId,
    specialtyId: c.specialtyId,
    insurerId: c.insurerId,
    startsAt: at('2026-11-25', '10:00'),
    source: 'web',
    ip: '203.0.113.7',
    reason: 'Control',
    now: NOW,
    ...overrides,
  };
}
