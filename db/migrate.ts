import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DbHandle } from './client';

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

// Arbitrary, fixed: serialises migrations when several instances start at once.
const MIGRATION_LOCK_KEY = 7_245_001;

/** Applies the committed migrations. Safe to call on every start and from several instances. */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    // drizzle's migrator types differ per driver; the handle is the right one for this engine.
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // One dedicated connection, so the session-level advisory lock and the migration share it.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePostgres(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
