/**
 * Real databases for integration tests, on both engines the app supports.
 *
 *   describeEachEngine('booking', (getCtx) => {
 *     it('books', async () => {
 *       const { db } = getCtx();
 *       ...
 *     });
 *   });
 *
 * Each engine gets its own `describe('booking [pglite]')` / `describe('booking [postgres]')`.
 * By default every TEST gets a fresh, migrated, empty database (PGlite ~0.5 s, PostgreSQL ~0.1 s):
 * seed in `beforeEach`, never rely on another test's rows. Pass `{ freshDb: 'per-file' }` to
 * share one database across the tests of that describe block (seed in `beforeAll`) when speed matters.
 *
 * Concurrency tests belong in `describePostgresOnly` (PGlite serialises everything, STACK.md trap 6);
 * `getCtx().connect()` opens an independent pool on the same database, closed automatically.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openPglite, pgliteHandle, postgresHandle, type Db, type DbHandle, type Engine } from '../../db/client';
import { pgError } from '../../db/errors';

export type { Engine } from '../../db/client';

export interface TestDatabase {
  engine: Engine;
  db: Db;
  handle: DbHandle;
  /** Connection string of this test database (PostgreSQL only). */
  url?: string;
  /**
   * Another, independent pool on this same database (PostgreSQL only), e.g. to race two
   * transactions. Closed with the test database. `{ max: 1 }` gives a single connection.
   */
  connect(options?: postgres.Options<{}>): DbHandle;
}

export interface OpenedTestDatabase extends TestDatabase {
  /** Closes every connection and drops the database. */
  destroy(): Promise<void>;
}

export interface SuiteOptions {
  /** 'per-test' (default): a fresh database for each test. 'per-file': one for the describe block. */
  freshDb?: 'per-test' | 'per-file';
}

export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

function info() {
  return inject('testDatabases');
}

/** Why PostgreSQL suites are skipped here, or null when they run. */
export function postgresSkipReason(): string | null {
  return info().postgresSkipReason;
}

let pgliteDump: Blob | undefined;

async function openPgliteTestDatabase(migrated: boolean): Promise<OpenedTestDatabase> {
  // Read once per worker; each PGlite then starts from the same migrated bytes.
  pgliteDump ??= new Blob([fs.readFileSync(info().pgliteDumpPath)]);
  const client = openPglite(undefined, migrated ? pgliteDump : undefined);
  const handle = pgliteHandle(client);
  return {
    engine: 'pglite',
    db: handle.db,
    handle,
    connect() {
      throw new Error('PGlite has a single connection; put concurrency tests in describePostgresOnly');
    },
    destroy: () => handle.close(),
  };
}

async function adminQuery(statement: string): Promise<void> {
  const admin = postgres(info().postgresAdminUrl!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function openPostgresTestDatabase(migrated: boolean): Promise<OpenedTestDatabase> {
  const { postgresAdminUrl, postgresTemplate, postgresSkipReason } = info();
  if (!postgresAdminUrl || !postgresTemplate) throw new Error(`PostgreSQL unavailable: ${postgresSkipReason}`);
  const name = `turnos_test_${randomBytes(6).toString('hex')}`;
  // template0 = a truly empty database, for tests of the migrations themselves.
  await adminQuery(`create database "${name}" template "${migrated ? postgresTemplate : 'template0'}"`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const handle = postgresHandle(url.toString(), { max: 4 });
  const extra: DbHandle[] = [];
  return {
    engine: 'postgres',
    db: handle.db,
    handle,
    url: url.toString(),
    connect(options = {}) {
      const other = postgresHandle(url.toString(), options);
      extra.push(other);
      return other;
    },
    async destroy() {
      await Promise.allSettled([handle, ...extra].map((h) => h.close()));
      // FORCE: a test that leaked a connection must not make the drop (and the run) fail.
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * A fresh database on `engine`. Migrated unless `{ migrated: false }` (then completely empty).
 * Call `destroy()` when done; the describe helpers below do it for you.
 */
export function createTestDatabase(
  engine: Engine,
  options: { migrated?: boolean } = {},
): Promise<OpenedTestDatabase> {
  const migrated = options.migrated ?? true;
  return engine === 'pglite' ? openPgliteTestDatabase(migrated) : openPostgresTestDatabase(migrated);
}

function engineSuite(
  engine: Engine,
  name: string,
  body: (getCtx: () => TestDatabase) => void,
  { freshDb = 'per-test' }: SuiteOptions,
): void {
  const title = `${name} [${engine}]`;
  const skipReason = engine === 'postgres' ? postgresSkipReason() : null;
  if (skipReason) {
    // Still registered, so the skip shows up in every report with its reason.
    describe.skip(`${title} (SKIPPED: ${skipReason})`, () => body(() => ({}) as TestDatabase));
    return;
  }
  describe(title, () => {
    let current: OpenedTestDatabase | undefined;
    const open = async () => {
      current = await createTestDatabase(engine);
    };
    const close = async () => {
      await current?.destroy();
      current = undefined;
    };
    if (freshDb === 'per-file') {
      beforeAll(open);
      afterAll(close);
    } else {
      beforeEach(open);
      afterEach(close);
    }
    body(() => {
      if (!current) throw new Error('getCtx() works only inside tests and hooks, not while declaring them');
      return current;
    });
  });
}

/** Declares the suite once per engine: `name [pglite]` and `name [postgres]`. */
export function describeEachEngine(
  name: string,
  body: (getCtx: () => TestDatabase) => void,
  options: SuiteOptions = {},
): void {
  for (const engine of ENGINES) engineSuite(engine, name, body, options);
}

/** For what only a real server can show (concurrency, locks): `name [postgres]`. */
export function describePostgresOnly(
  name: string,
  body: (getCtx: () => TestDatabase) => void,
  options: SuiteOptions = {},
): void {
  engineSuite('postgres', name, body, options);
}

/**
 * The PostgreSQL error behind a Drizzle error (Drizzle 0.45 wraps it in `cause`, STACK.md trap 7).
 * The constraint name is `constraint` on PGlite but `constraint_name` on postgres.js; both land in
 * `constraint` here.
 */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string; message: string } {
  const inner = (error as { cause?: { message?: unknown } })?.cause ?? (error as { message?: unknown });
  return { ...pgError(error), message: String(inner?.message ?? error) };
}

/** Awaits `promise`, expecting a database error; returns it normalised (see pgErrorOf). */
export async function expectDbError(promise: PromiseLike<unknown>) {
  try {
    await promise;
  } catch (error) {
    return pgErrorOf(error);
  }
  throw new Error('expected a database error, but the statement succeeded');
}
