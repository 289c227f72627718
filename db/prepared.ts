import type { DbOrTx } from '@/db/client';

/**
 * A query Drizzle builds once per database handle and the driver prepares: on the hot paths (every
 * portal page reads the settings and the patient's account) Drizzle's building of the SQL was a
 * measurable share of a page's CPU, and PostgreSQL parses and plans a prepared statement once per
 * connection. Values go in as `sql.placeholder()`s, filled by `execute({...})` on each run.
 * `name` is the statement's name on the server: unique per shape of query.
 */
export function preparedQuery<T>(db: DbOrTx, name: string, build: (db: DbOrTx) => T): T {
  let byName = prepared.get(db);
  if (!byName) prepared.set(db, (byName = new Map()));
  let query = byName.get(name) as T | undefined;
  if (query === undefined) byName.set(name, (query = build(db)));
  return query;
}

const prepared = new WeakMap<DbOrTx, Map<string, unknown>>();
