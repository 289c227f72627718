/**
 * Issue 4's benchmark: "Listado de Turnos dados por Sistema Web" at ~100,000 web turnos (plus
 * ~50,000 staff ones) and 50,000 patients (web-listing-seed.ts). Times, against the bare SQL that
 * answers the same question as fast as it can be written:
 * - the first page with no filter (the page + its capped count);
 * - a page ~90,000 rows deep, through a keyset cursor (and, for contrast, what OFFSET would cost);
 * - one professional's turnos of one month (FECHA DEL TURNO), newest booking first;
 * - the CSV and XLSX export of one month (every row, batch by batch, formatted).
 */
import { listWebAppointments, COUNT_CAP } from '../../lib/appointments/web-listing';
import { encodeCursor } from '../../lib/appointments/web-listing-sql';
import { exportWebAppointments } from '../../lib/appointments/web-export';
import type { WebListingFilters } from '../../lib/appointments/web-listing-params';
import type { BenchDatabase } from './databases';
import { seedWebListingCenter, TZ } from './web-listing-seed';
import { measure, measurePair, type Timing } from './stats';

const RUNS = Number(process.env.BENCH_RUNS) || 50;
const EXPORT_RUNS = Math.max(3, Math.round(RUNS / 5));
const DEEP = 90_000;
const MONTH = { startsFrom: '2026-06-01', startsTo: '2026-06-30' };
/** June in Buenos Aires (UTC-3, no DST), as the listing turns those local dates into instants. */
const MONTH_START = '2026-06-01T03:00:00.000Z';
const MONTH_END = '2026-07-01T03:00:00.000Z';

export interface WebListingFigure {
  what: string;
  app: Timing;
  bare: Timing;
  /** Rows the app returned (a page) or wrote (an export). */
  rows: number;
  plan: string;
}

export interface WebListingBenchResult {
  engine: string;
  webRows: number;
  seedSeconds: number;
  figures: WebListingFigure[];
  offsetDeep: Timing;
}

const WEB = `a.source = 'web' and a.deleted_at is null`;
const NAMES = `p.last_name || ' ' || p.first_name as patient, p.dni, pr.last_name || ' ' || pr.first_name as professional,
  s.name as specialty, st.name as study, i.name as insurer, su.full_name as cancelled_by`;
const JOINS = `join patients p on p.id = a.patient_id join professionals pr on pr.id = a.professional_id
  left join specialties s on s.id = a.specialty_id left join studies st on st.id = a.study_id
  left join insurers i on i.id = a.insurer_id left join staff_users su on su.id = a.cancelled_by_staff_id`;
const COLUMNS = `a.id, a.created_at, a.starts_at, a.ends_at, a.status, a.reason, a.cancelled_at, a.cancel_origin`;
const INNER = `${COLUMNS}, a.patient_id, a.professional_id, a.specialty_id, a.study_id, a.insurer_id, a.cancelled_by_staff_id`;
const NEWEST = 'a.created_at desc, a.id desc';

/**
 * The page: 26 narrow rows in index order, then their names (the shape of the app's query, by
 * hand). `innerOrder` may differ from the shown order only by the app's fence (web-listing-sql.ts),
 * which the best hand-written query needs as much as the app does.
 */
function barePage(where: string, innerOrder = NEWEST, tail = 'limit 26'): string {
  return `select ${COLUMNS}, ${NAMES}
    from (select ${INNER} from appointments a where ${WEB} and ${where} order by ${innerOrder} ${tail}) a ${JOINS}
    order by ${NEWEST}`;
}
const bareCount = (where: string) => `select count(*) from (select 1 from appointments a where ${WEB} and ${where} limit ${COUNT_CAP + 1}) t`;

async function planOf(bench: BenchDatabase, query: string, params: unknown[]): Promise<string> {
  const rows = (await bench.raw(`explain ${query}`, params)) as Array<Record<string, string>>;
  const lines = rows.map((r) => Object.values(r)[0]);
  // The scans say which index answered; the rest is joins to small catalogues.
  return lines
    .filter((l) => /Scan|Sort/.test(l) && !/pkey|Seq Scan on (professionals|specialties|studies|insurers|staff_users)/.test(l))
    .map((l) => l.trim().replace(/\s+\(cost=.*$/, '').replace(/^->\s*/, ''))
    .join(' / ');
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

export async function runWebListingBench(bench: BenchDatabase): Promise<WebListingBenchResult> {
  const { db } = bench.handle;
  const t0 = performance.now();
  const center = await seedWebListingCenter(bench);
  const seedSeconds = (performance.now() - t0) / 1000;
  const options = { timeZone: TZ };
  const figures: WebListingFigure[] = [];
  const both = async (what: string, app: () => Promise<number>, bareQueries: Array<[string, unknown[]]>) => {
    let rows = 0;
    const [appTiming, bare] = await measurePair(
      RUNS,
      async () => {
        rows = await app();
      },
      async () => {
        for (const [q, p] of bareQueries) await bench.raw(q, p);
      },
    );
    figures.push({ what, app: appTiming, bare, rows, plan: await planOf(bench, bareQueries[0][0], bareQueries[0][1]) });
  };

  // 1. First page, no filter.
  await both(
    'first page, no filter',
    async () => (await listWebAppointments(db, {}, {}, options)).rows.length,
    [
      [barePage('true'), []],
      [bareCount('true'), []],
    ],
  );

  // 2. A page ~90,000 rows deep, by keyset.
  const [deep] = (await bench.raw(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, id::text as id
     from appointments a where ${WEB} order by created_at desc, id desc offset ${DEEP} limit 1`,
    [],
  )) as Array<{ key: string; id: string }>;
  const after = encodeCursor(deep.key, Number(deep.id));
  const seek = `(a.created_at, a.id) < ($1::timestamptz, $2::bigint)`;
  await both(
    `page ${DEEP.toLocaleString('en')} rows deep (keyset)`,
    async () => (await listWebAppointments(db, {}, { after }, options)).rows.length,
    [
      [barePage(seek), [deep.key, deep.id]],
      [bareCount('true'), []],
    ],
  );
  const offsetDeep = await measure(Math.max(5, Math.round(RUNS / 5)), () => bench.raw(barePage('true', NEWEST, `limit 26 offset ${DEEP}`), []));

  // 3. One professional, one month of turnos, newest booking first.
  const professionalId = center.professionalIds[7];
  const filtered: WebListingFilters = { professionalId, ...MONTH };
  const monthWhere = `a.professional_id = $1 and a.starts_at >= $2::timestamptz and a.starts_at < $3::timestamptz`;
  await both(
    'professional + month of turnos',
    async () => (await listWebAppointments(db, filtered, {}, options)).rows.length,
    [
      [barePage(monthWhere, `a.created_at + interval '0' desc, a.id desc`), [professionalId, MONTH_START, MONTH_END]],
      [bareCount(monthWhere), [professionalId, MONTH_START, MONTH_END]],
    ],
  );

  // 4. Exports of one month, all professionals: every row, formatted, against one bare read of them.
  const monthOnly = `a.starts_at >= $1::timestamptz and a.starts_at < $2::timestamptz`;
  const bareMonth = `select ${COLUMNS}, ${NAMES} from appointments a ${JOINS} where ${WEB} and ${monthOnly} order by a.created_at + interval '0' desc, a.id desc`;
  for (const format of ['csv', 'xlsx'] as const) {
    let rows = 0;
    const app = await measure(EXPORT_RUNS, async () => {
      rows = await drain(exportWebAppointments(db, MONTH, format, options));
    }, 1);
    const bare = await measure(EXPORT_RUNS, () => bench.raw(bareMonth, [MONTH_START, MONTH_END]), 1);
    const [n] = (await bench.raw(`select count(*)::int as n from appointments a where ${WEB} and ${monthOnly}`, [MONTH_START, MONTH_END])) as Array<{ n: number }>;
    figures.push({ what: `${format.toUpperCase()} export of a month (${n.n} rows, ${(rows / 1024).toFixed(0)} KiB)`, app, bare, rows: n.n, plan: await planOf(bench, bareMonth, [MONTH_START, MONTH_END]) });
  }

  return { engine: bench.engine, webRows: center.webRows, seedSeconds, figures, offsetDeep };
}
