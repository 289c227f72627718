/**
 * A year of a busy center: by default the web listing's benchmark (50,000 patients, 40
 * professionals, 12 turnos a day each, 152,000 turnos of which ~100,300 came from the web, the
 * rest by staff); `size` makes others (large-center-seed.ts). ~5% cancelled and ~1% deleted.
 * Written with `insert ... select generate_series` (seconds, not minutes) and through the real
 * schema, exclusion constraint included.
 */
import type { BenchDatabase } from './databases';

export const TZ = 'America/Argentina/Buenos_Aires';

export interface CenterSize {
  patients: number;
  professionals: number;
  appointments: number;
  /** Turnos a day of each professional, every 20 minutes from 08:00. */
  slotsPerDay: number;
  /** The first day of the seeded turnos (they run on every calendar day from here). */
  firstDay: string;
}

/** The web listing's center: its turnos run for about 316 days from 2026-01-05. */
export const WEB_LISTING_CENTER: CenterSize = { patients: 50_000, professionals: 40, appointments: 152_000, slotsPerDay: 12, firstDay: '2026-01-05' };

const SURNAMES = ['GONZALEZ', 'RODRIGUEZ', 'GOMEZ', 'FERNANDEZ', 'LOPEZ', 'DIAZ', 'MARTINEZ', 'PEREZ', 'GARCIA', 'SANCHEZ', 'ROMERO', 'SOSA', 'ALVAREZ', 'TORRES', 'RUIZ', 'RAMIREZ', 'FLORES', 'ACOSTA', 'BENITEZ', 'MEDINA', 'IBAÑEZ', 'NUÑEZ'];
const NAMES = ['JUAN', 'MARIA', 'JOSE', 'ANA', 'CARLOS', 'LAURA', 'LUIS', 'SOFIA', 'JORGE', 'LUCIA', 'MIGUEL', 'MARTINA', 'ROMAN', 'INÉS'];

export interface WebListingBenchCenter {
  professionalIds: number[];
  patientIds: { first: number; last: number };
  webRows: number;
}

const list = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

export async function seedWebListingCenter(bench: BenchDatabase, size: CenterSize = WEB_LISTING_CENTER): Promise<WebListingBenchCenter> {
  const { patients: PATIENTS, professionals: PROFESSIONALS, appointments: TOTAL_APPOINTMENTS, slotsPerDay: SLOTS_PER_DAY, firstDay: FIRST_DAY } = size;
  const run = (q: string, params: unknown[] = []) => bench.raw(q, params);
  await run(`insert into center_settings (id, center_name, time_zone) values (1, 'CENTRO BENCH', '${TZ}')`);
  await run(`insert into staff_users (username, full_name, password_hash, role) values ('bench', 'RECEPCION BENCH', 'x', 'reception')`);
  await run(`insert into specialties (name, web_enabled) select 'ESPECIALIDAD ' || g, true from generate_series(1, 10) g`);
  await run(`insert into insurers (name, web_enabled) select 'OBRA SOCIAL ' || g, true from generate_series(1, 15) g`);
  await run(
    `insert into professionals (last_name, first_name, web_enabled) select 'PROFESIONAL' || lpad(g::text, 2, '0'), 'BENCH', true from generate_series(1, ${PROFESSIONALS}) g`,
  );
  await run(
    `insert into patients (dni, last_name, first_name, insurer_id, email)
     select (20000000 + g)::text, (${list(SURNAMES)})[1 + g % ${SURNAMES.length}],
            (${list(NAMES)})[1 + (g / 7) % ${NAMES.length}] || ' ' || g, 1 + g % 15, 'p' || g || '@example.com'
     from generate_series(1, ${PATIENTS}) g`,
  );
  const [ids] = (await run(`select min(id) as first, max(id) as last from patients`)) as Array<{ first: number; last: number }>;
  const pros = (await run(`select id from professionals order by id`)) as Array<{ id: number }>;
  const [spec] = (await run(`select min(id) as first from specialties`)) as Array<{ first: number }>;
  const [ins] = (await run(`select min(id) as first from insurers`)) as Array<{ first: number }>;
  const [staff] = (await run(`select id from staff_users`)) as Array<{ id: number }>;

  // Turno g: professional g % P, that professional's slot k = g / P: day k / 12, 08:00 + 20 min × (k % 12).
  // Booked 1-30 days before, at some minute of the day. Two in three from the web.
  await run(
    `insert into appointments (professional_id, specialty_id, patient_id, insurer_id, starts_at, ends_at, status, source,
                               reason, created_at, created_ip, cancelled_at, cancel_origin, cancelled_by_staff_id, deleted_at)
     select ${pros[0].id} + pro, ${spec.first} + pro % 10, ${ids.first} + (g * 7919) % ${PATIENTS}, ${ins.first} + g % 15,
            s, s + interval '20 minutes',
            case when g % 20 = 7 then 'cancelled' when s > now() then 'reserved' when g % 9 = 0 then 'absent' else 'present' end::appointment_status,
            case when g % 3 = 0 then 'staff' else 'web' end::appointment_source,
            case when g % 4 = 0 then 'Control anual' else '' end,
            b, '10.0.' || (g % 250) || '.' || (g % 200),
            case when g % 20 = 7 then b + interval '2 hours' end,
            case when g % 20 = 7 then (case when g % 40 = 7 then 'web' else 'staff' end)::cancel_origin end,
            case when g % 40 = 27 then ${staff.id} end,
            case when g % 100 = 51 then b + interval '1 day' end
     from (
       select g, pro, s, s - make_interval(days => 1 + g % 30, mins => (g * 7919) % 1440) as b
       from (
         select g, g % ${PROFESSIONALS} as pro,
                ((date '${FIRST_DAY}' + (g / ${PROFESSIONALS}) / ${SLOTS_PER_DAY}) + time '08:00'
                  + make_interval(mins => 20 * ((g / ${PROFESSIONALS}) % ${SLOTS_PER_DAY}))) at time zone '${TZ}' as s
         from generate_series(0, ${TOTAL_APPOINTMENTS - 1}) g
       ) slots
     ) t`,
  );
  const [web] = (await run(`select count(*)::int as n from appointments where source = 'web' and deleted_at is null`)) as Array<{ n: number }>;
  await run('vacuum analyze');
  return { professionalIds: pros.map((p) => p.id), patientIds: ids, webRows: web.n };
}
