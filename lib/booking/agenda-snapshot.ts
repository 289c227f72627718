import { eq, getTableColumns, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { agendaVersion, centerSettings, type CenterSettings } from '@/db/schema';
import { readClosures, readRules, type AgendaRows } from '@/lib/availability/queries';

/** What a booking's slot check reads besides the turnos: one professional's rules and closures on one local date. */
export type DayDefinition = Pick<AgendaRows, 'rules' | 'closed'>;

/**
 * The center's settings and the agenda definitions bookings have needed, as of `token`
 * (`agenda_version`, changed by a trigger on every statement that touches what they were read
 * from). A booking checks its slot against these rows and proves them current inside its
 * transaction by comparing the token, after its locks: if anything changed, it plans again.
 */
export interface AgendaSnapshot {
  token: string;
  settings: CenterSettings;
  day(professionalId: number, date: string, web: boolean): Promise<DayDefinition>;
}

/** Dates × professionals kept per snapshot before it starts over (a center books a few hundred a day). */
const MAX_DAYS = 5_000;

/** The current token, as a select-list expression (null if the row was removed: a value like any other). */
export const agendaTokenColumn = sql<string | null>`(select ${agendaVersion.token} from ${agendaVersion} where ${agendaVersion.id} = 1)`;

// One snapshot per database handle (tests open many; the app one).
const snapshots = new WeakMap<object, Promise<AgendaSnapshot>>();

async function loadSnapshot(db: DbOrTx): Promise<AgendaSnapshot> {
  // The token is read with the settings, before any definition: a definition read later can only
  // be newer than its token, and a newer row under an older token fails the check (never the reverse).
  const [row] = await db
    .select({ ...getTableColumns(centerSettings), token: agendaTokenColumn })
    .from(centerSettings)
    .where(eq(centerSettings.id, 1));
  if (!row) throw new Error('center_settings is empty: the database was not seeded');
  const { token, ...settings } = row;
  const days = new Map<string, Promise<DayDefinition>>();
  return {
    token: String(token),
    settings,
    day(professionalId, date, web) {
      const key = `${professionalId}|${date}|${web ? 'w' : 's'}`;
      let definition = days.get(key);
      if (!definition) {
        if (days.size >= MAX_DAYS) days.clear();
        const range = { fromDate: date, toDate: date };
        definition = Promise.all([readRules(db, [professionalId], range, web), readClosures(db, [professionalId], range)]).then(([rules, closed]) => ({ rules, closed }));
        days.set(key, definition);
        definition.catch(() => days.delete(key));
      }
      return definition;
    },
  };
}

/**
 * The snapshot of `db`: the one in memory, unless a transaction found the one with token `stale`
 * out of date (or there is none yet); then a fresh one, shared by every booking waiting for it.
 */
export async function agendaSnapshot(db: DbOrTx, stale?: string): Promise<AgendaSnapshot> {
  const cached = snapshots.get(db);
  if (cached) {
    const snapshot = await cached.catch(() => null);
    if (snapshot && snapshot.token !== stale) return snapshot;
    const latest = snapshots.get(db);
    if (latest && latest !== cached) return latest; // another booking is loading a newer one
  }
  const loading = loadSnapshot(db);
  snapshots.set(db, loading);
  loading.catch(() => {
    if (snapshots.get(db) === loading) snapshots.delete(db);
  });
  return loading;
}

/** Ids handed out per refill: a restart loses at most this many (a sequence has gaps anyway). */
const ID_BLOCK = 16;
const idPools = new WeakMap<object, { ids: number[]; refill?: Promise<void> }>();

/**
 * A new turno's id, from `appointments_id_seq`, fetched in blocks: the booking's statement needs
 * the id before it runs (its audit row names the turno), and a block spares that a round trip.
 */
export async function nextAppointmentId(db: DbOrTx): Promise<number> {
  let pool = idPools.get(db);
  if (!pool) idPools.set(db, (pool = { ids: [] }));
  while (pool.ids.length === 0) {
    pool.refill ??= db
      .execute(sql`select nextval('appointments_id_seq') as id from generate_series(1, ${ID_BLOCK})`)
      .then((result) => {
        pool.ids.push(...rowsOf<{ id: string | number }>(result).map((r) => Number(r.id)));
      })
      .finally(() => {
        pool.refill = undefined;
      });
    await pool.refill;
  }
  return pool.ids.shift()!;
}
