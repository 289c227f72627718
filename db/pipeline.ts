import { is, Param, Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Db, DbOrTx, Tx } from './client';
import * as schema from './schema';

/**
 * One statement's answer: its rows as the driver decodes them (named as the statement names them;
 * a timestamp is a Date on PGlite and text on postgres.js under Drizzle: see asDate), or its error.
 */
export type Settled = { ok: true; rows: Array<Record<string, unknown>> } | { ok: false; error: unknown };

/** A statement ready for the driver: its text and its parameters. */
export interface BoundQuery {
  sql: string;
  params: unknown[];
}

/** What the pipelines run: a Drizzle SQL object, or a statement already bound (statementFromTemplate). */
export type Statement = SQL | BoundQuery;

const templateDialect = new PgDialect();

/** A template's text, and for each parameter how to get its value (what drizzle's fillPlaceholders does, decided once). */
interface Template {
  sql: string;
  binders: Array<(values: Record<string, unknown>) => unknown>;
}
const templates = new Map<string, Template>();

function valueOf(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

function compileTemplate(statement: SQL): Template {
  const { sql: text, params } = templateDialect.sqlToQuery(statement);
  const binders = params.map((p): Template['binders'][number] => {
    if (is(p, Placeholder)) return (values) => valueOf(values, p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { encoder } = p;
      const name = p.value.name;
      return (values) => encoder.mapToDriverValue(valueOf(values, name));
    }
    return () => p;
  });
  return { sql: text, binders };
}

/**
 * A statement Drizzle builds once per `key`, with `sql.placeholder()`s where the values go, and
 * that is then only bound to `values` on each call: building a large statement with Drizzle's
 * builders costs a few tenths of a millisecond of CPU, binding it almost nothing. `key` must name
 * everything that changes the statement's text (which clauses are present), never a value.
 */
export function statementFromTemplate(key: string, build: () => SQL, values: Record<string, unknown>): BoundQuery {
  let template = templates.get(key);
  if (!template) {
    template = compileTemplate(build());
    templates.set(key, template);
  }
  return { sql: template.sql, params: template.binders.map((bind) => bind(values)) };
}

/** A placeholder usable wherever Drizzle takes a value (typed loosely on purpose). */
export const placeholder = (name: string) => sql.placeholder(name) as never;

function toQuery(dialect: DrizzleInternals['dialect'], statement: Statement): BoundQuery {
  const q = 'getSQL' in statement ? dialect.sqlToQuery(statement) : statement;
  // Drizzle has postgres.js take and give timestamps as text; a Date written into raw SQL goes as ISO text on both engines.
  return { sql: q.sql, params: q.params.map((p) => (p instanceof Date ? p.toISOString() : p)) };
}

interface PgliteClient {
  query(query: string, params: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}
/** What Drizzle keeps inside a transaction object: its driver session and its SQL dialect. */
interface DrizzleInternals {
  session: { client: PgliteClient };
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
}

/** A query's answer as a Settled: its rows, or its error (never thrown). */
function settle<R extends Iterable<Record<string, unknown>>>(query: PromiseLike<R>): Promise<Settled & { command?: string }> {
  return Promise.resolve(query).then(
    (rows) => ({ ok: true as const, rows: [...rows], command: (rows as { command?: string }).command }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** PGlite (in process, no network): the statements of a Drizzle transaction, one after another. */
async function runInPgliteTransaction(tx: Tx, statements: Statement[]): Promise<Settled[]> {
  const { session, dialect } = tx as unknown as DrizzleInternals;
  const answers: Settled[] = [];
  for (const statement of statements) {
    const q = toQuery(dialect, statement);
    answers.push(await settle(session.client.query(q.sql, q.params).then((result) => result.rows)));
  }
  return answers;
}

/** A timestamp column of a pipelined row as a Date, whichever driver decoded it. */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** A transaction as pipelinedTransaction() hands it over. */
export interface PipelinedTx {
  /**
   * Runs statements strictly in the given order, each with its own snapshot (read committed: a
   * statement sees what committed before it started, including what an earlier statement's locks
   * waited for), each settling on its own: a failed one does not hide the answers of those before
   * it. On PostgreSQL they go in one round trip (prepared, named per connection), and the first
   * call carries the BEGIN with it. With `commit`, the
   * COMMIT goes in the same round (PostgreSQL; on PGlite the transaction commits when `fn` returns):
   * a transaction for statements that decide for themselves whether to write. If any statement
   * failed, it throws the first error and nothing was committed.
   */
  run(statements: Statement[], options?: { commit?: boolean }): Promise<Settled[]>;
  /** A Drizzle handle inside this transaction, for work written with the query builder. */
  drizzle(): DbOrTx;
}

type ReservedSql = postgres.ReservedSql<{}> & { options?: unknown };

/**
 * A transaction whose BEGIN costs no round trip of its own: on PostgreSQL it travels with the
 * first statements (a reserved postgres.js connection, BEGIN sent and not waited for), and the
 * COMMIT (or ROLLBACK, if `fn` throws) is the only other round trip. A transaction in which any
 * statement failed never commits: it throws, even if `fn` swallowed the error. On PGlite it is a
 * Drizzle transaction (in process, round trips cost nothing).
 */
export async function pipelinedTransaction<T>(db: Db, fn: (tx: PipelinedTx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client?: postgres.Sql<{}> }).$client;
  if (!client || typeof client.reserve !== 'function') {
    return db.transaction(async (tx) => {
      let failed: { error: unknown } | undefined;
      const result = await fn({
        // A committing run commits when fn returns (Drizzle's transaction).
        run: async (statements, options = {}) => {
          const answers = await runInPgliteTransaction(tx, statements);
          for (const answer of answers) if (!answer.ok) failed ??= { error: answer.error };
          if (failed && options.commit) throw failed.error;
          return answers;
        },
        drizzle: () => tx,
      });
      if (failed) throw failed.error;
      return result;
    });
  }
  const { dialect } = db as unknown as DrizzleInternals;
  const reserved: ReservedSql = await client.reserve();
  let begin: Promise<Settled> | undefined;
  let committed = false;
  let failed: unknown;
  const note = (answer: Settled) => {
    if (!answer.ok) failed ??= answer.error;
  };
  // execute() hands a query to the connection now, in call order (awaiting would defer it).
  const ensureBegun = () => {
    begin ??= settle(reserved.unsafe('begin').execute()).then((answer) => (note(answer), answer));
  };
  const run = async (statements: Statement[], options: { commit?: boolean } = {}): Promise<Settled[]> => {
    if (committed) throw new Error('this transaction has already committed');
    ensureBegun();
    const sent = statements.map((statement) => {
      const q = toQuery(dialect, statement);
      return settle(reserved.unsafe(q.sql, q.params as never[], { prepare: true }).execute());
    });
    const commit = options.commit ? settle(reserved.unsafe('commit').execute()) : undefined;
    if (commit) committed = true;
    const [, ...answers] = await Promise.all([begin!, ...sent]);
    answers.forEach(note);
    if (commit) {
      const done = await commit;
      note(done);
      if (failed) throw failed;
      // PostgreSQL answers COMMIT with ROLLBACK when the transaction had failed.
      if (done.ok && done.command !== 'COMMIT') throw new Error(`the transaction ended in ${done.command}`);
    }
    return answers;
  };
  try {
    const result = await fn({
      run,
      drizzle: () => {
        ensureBegun();
        // Drizzle reads the pool's type options (its timestamp handling) from the client it wraps.
        reserved.options ??= client.options;
        return drizzlePostgres(reserved as unknown as postgres.Sql<{}>, { schema }) as unknown as Db;
      },
    });
    if (begin) note(await begin);
    if (failed) throw failed;
    if (begin && !committed) {
      const done = await reserved.unsafe('commit');
      // PostgreSQL answers COMMIT with ROLLBACK when the transaction had failed.
      if (done.command !== 'COMMIT') throw new Error(`the transaction ended in ${done.command}`);
    }
    return result;
  } catch (error) {
    if (begin && !committed) await reserved.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    reserved.release();
  }
}

/** The three answers of underSessionLocks(). */
export interface UnderLocksAnswers {
  locks: Settled;
  work: Settled;
  unlocks: Settled;
}

/**
 * One statement under session-level advisory locks, with no transaction around it: `locks`, then
 * `work` (autocommitted: one statement commits or fails whole, and its snapshot is taken after the
 * locks were granted), then `unlocks`, sent in one write on a reserved connection and answered in
 * one round trip. A BEGIN and a COMMIT cost the server a flush each; this costs none of its own.
 *
 * The catch, and the caller's duty: each statement settles on its own, so if `locks` fails (a
 * lock_timeout or statement_timeout a DBA set, the deadlock detector, a cancel) `work` still runs.
 * `locks` must therefore end by setting the session variable `turnos.locked` to `proof`, and
 * `work` must write only where `current_setting('turnos.locked', true) = proof`: a failed
 * statement's set_config is rolled back with it, and `proof` is new on every call, so a value left
 * by an earlier call on this connection never matches. `unlocks` must release every lock `locks`
 * may have taken (unlocking a key not held only warns), and runs again once if it fails.
 *
 * PostgreSQL only (postgres.js); undefined on PGlite, where the caller uses a transaction. Session
 * locks need the connection to be the server's session: not a pooler in transaction mode.
 */
export async function underSessionLocks(db: Db, statements: { locks: Statement; work: Statement; unlocks: Statement }): Promise<UnderLocksAnswers | undefined> {
  const client = (db as unknown as { $client?: postgres.Sql<{}> }).$client;
  if (!client || typeof client.reserve !== 'function') return undefined;
  const { dialect } = db as unknown as DrizzleInternals;
  const reserved: ReservedSql = await client.reserve();
  const send = (statement: Statement) => {
    const q = toQuery(dialect, statement);
    return settle(reserved.unsafe(q.sql, q.params as never[], { prepare: true }).execute());
  };
  try {
    const [locks, work, unlocks] = await Promise.all([send(statements.locks), send(statements.work), send(statements.unlocks)]);
    // A session lock outlives its statement: never hand the connection back holding one.
    const released = unlocks.ok ? unlocks : await send(statements.unlocks);
    if (!released.ok) throw released.error;
    return { locks, work, unlocks: released };
  } finally {
    reserved.release();
  }
}
