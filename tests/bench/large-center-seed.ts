/**
 * The large center of the HTTP benchmark (http.ts): 50 professionals in 10 specialties, 5,000
 * patients with activated web accounts, 100,000 turnos over a year (from ~270 days ago to ~60
 * days ahead, 6 a day per professional from 08:00), and weekly agendas Monday to Saturday
 * 08:00-16:00 in 20-minute slots, so 10:00-16:00 stays free for bookings. The turnos come from
 * seedWebListingCenter; this adds what the portal needs to serve them.
 */
import { hashPassword } from '../../lib/auth/password';
import { addDaysToDate, isoWeekday } from '../../lib/availability/slots';
import type { BenchDatabase } from './databases';
import { seedWebListingCenter, TZ } from './web-listing-seed';

export const LARGE_CENTER = { patients: 5_000, professionals: 50, appointments: 100_000, slotsPerDay: 6 };
/** Every seeded patient's password (DNI 20000001 ... 20005000). */
export const BENCH_PASSWORD = 'bench-password-1';

export interface LargeCenter {
  /** Professional id → its specialty id (each attends one). */
  specialtyOf: Map<number, number>;
  professionalIds: number[];
  specialtyIds: number[];
  insurerId: number;
  /** DNIs of the first patients, for logging in. */
  dnis: string[];
  appointments: number;
  seedSeconds: number;
}

export async function seedLargeCenter(bench: BenchDatabase, today: string): Promise<LargeCenter> {
  const t0 = performance.now();
  const run = (q: string, params: unknown[] = []) => bench.raw(q, params);
  const monday = addDaysToDate(today, 1 - isoWeekday(today));
  const center = await seedWebListingCenter(bench, { ...LARGE_CENTER, firstDay: addDaysToDate(monday, -266) });
  const hash = await hashPassword(BENCH_PASSWORD);
  await run(`insert into web_accounts (patient_id, password_hash, activated_at) select id, $1, now() - interval '1 year' from patients`, [hash]);
  // Each professional attends the specialty its seeded turnos carry (specialty first + pro % 10).
  await run(
    `insert into professional_specialties (professional_id, specialty_id)
     select distinct professional_id, specialty_id from appointments`,
  );
  await run(
    `insert into schedules (professional_id, weekday, start_time, end_time, slot_minutes, valid_from, specialty_id)
     select ps.professional_id, d, '08:00', '16:00', 20, $1::date, ps.specialty_id
     from professional_specialties ps cross join generate_series(1, 6) d`,
    [addDaysToDate(monday, -280)],
  );
  await run(`update professionals set max_days_ahead = 90`);
  // Every virtual user comes from 127.0.0.1 and the seeded patients already hold future turnos:
  // the per-IP and per-patient counts are raised so the load is not refused by design. The daily
  // limit per professional (1) stays, and the load books distinct days.
  await run(`update center_settings set max_future_per_ip = 1000000, max_future_per_patient = 1000, web_address = 'http://127.0.0.1' where id = 1`);
  await run('vacuum analyze');
  const links = (await run(`select professional_id, specialty_id from professional_specialties order by professional_id`)) as Array<{ professional_id: number; specialty_id: number }>;
  const [insurer] = (await run(`select min(id) as id from insurers`)) as Array<{ id: number }>;
  const dnis = ((await run(`select dni from patients order by id limit 200`)) as Array<{ dni: string }>).map((r) => r.dni);
  const [n] = (await run(`select count(*)::int as n from appointments`)) as Array<{ n: number }>;
  return {
    specialtyOf: new Map(links.map((l) => [l.professional_id, l.specialty_id])),
    professionalIds: center.professionalIds,
    specialtyIds: [...new Set(links.map((l) => l.specialty_id))].sort((a, b) => a - b),
    insurerId: insurer.id,
    dnis,
    appointments: n.n,
    seedSeconds: (performance.now() - t0) / 1000,
  };
}

export { TZ };
