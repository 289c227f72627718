import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openPglite, pgliteHandle, rowsOf, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoCenter } from '@/db/seed';
import { backupPglite, backupPostgres, BackupError, restorePglite, restorePostgres } from '../../scripts/lib/backup';
import { createTestDatabase, describePostgresOnly, expectDbError } from '../support/db';

/** What a restore must bring back: every table's row count, and the rows a center cannot lose. */
async function snapshot(db: Db) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`),
  ).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`));
    counts[name] = row.n;
  }
  const patients = rowsOf(await db.execute(sql`select dni, last_name, first_name, email from patients order by dni`));
  const appointments = rowsOf(
    await db.execute(sql`select id, professional_id, patient_id, starts_at::text, status from appointments order by id`),
  );
  const migrations = rowsOf(await db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`));
  return { counts, patients, appointments, migrations };
}

// Real folders on disk and a demo center: slower than the usual in-memory test database.
describe('backup and restore of the embedded database (PGlite)', { timeout: 120_000 }, () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'turnos-backup-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function seededDataDir(): Promise<{ dataDir: string; before: Awaited<ReturnType<typeof snapshot>> }> {
    const dataDir = path.join(root, 'original');
    // On disk, as the server keeps it; from the migrated template (a fresh initdb costs seconds).
    const template = new Blob([fs.readFileSync(inject('testDatabases').pgliteDumpPath)]);
    const handle = pgliteHandle(openPglite(path.join(dataDir, 'pglite'), template));
    try {
      await migrateDatabase(handle);
      expect(await seedDemoCenter(handle.db)).toBe(true);
      return { dataDir, before: await snapshot(handle.db) };
    } finally {
      await handle.close();
    }
  }

  it('restores a seeded database elsewhere with the same rows', async () => {
    const { dataDir, before } = await seededDataDir();
    expect(before.counts.appointments).toBeGreaterThan(0);
    expect(before.patients.length).toBeGreaterThan(0);

    const file = path.join(root, 'backups', 'turnos.tar.gz');
    await backupPglite(dataDir, file);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const elsewhere = path.join(root, 'restored');
    await restorePglite(file, elsewhere);
    const restored = pgliteHandle(openPglite(path.join(elsewhere, 'pglite')));
    try {
      expect(await snapshot(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }

    // Never over existing data, and never a PostgreSQL copy into PGlite.
    await expect(restorePglite(file, elsewhere)).rejects.toThrow(/Ya hay una base en/);
    const notAnArchive = path.join(root, 'x.dump');
    fs.writeFileSync(notAnArchive, 'PGDMP...');
    await expect(restorePglite(notAnArchive, path.join(root, 'other'))).rejects.toThrow(/no es una copia de la base embebida/);
  });

  it('refuses while a server process has the folder open', async () => {
    const { dataDir } = await seededDataDir();
    // The parent process (vitest's) stands in for a running server: alive, and not us.
    fs.writeFileSync(path.join(dataDir, 'server.pid'), `${process.ppid}\n`);
    const attempt = backupPglite(dataDir, path.join(root, 'b.tar.gz'));
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(`El servidor (proceso ${process.ppid}) tiene abierta la base embebida`);
    expect(fs.existsSync(path.join(root, 'b.tar.gz'))).toBe(false);

    // A pid file left by a server that has stopped does not block.
    fs.writeFileSync(path.join(dataDir, 'server.pid'), '999999999\n');
    await backupPglite(dataDir, path.join(root, 'b.tar.gz'));
    expect(fs.existsSync(path.join(root, 'b.tar.gz'))).toBe(true);
  });
});

describePostgresOnly(
  'backup and restore of PostgreSQL (pg_dump / pg_restore)',
  (getCtx) => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'turnos-backup-pg-'));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('restores a seeded database into an empty one with the same rows', async () => {
      const { db, url } = getCtx();
      expect(await seedDemoCenter(db)).toBe(true);
      const before = await snapshot(db);
      expect(before.counts.appointments).toBeGreaterThan(0);

      const file = path.join(root, 'turnos.dump');
      backupPostgres(url!, file);

      const target = await createTestDatabase('postgres', { migrated: false });
      try {
        await restorePostgres(file, target.url!);
        expect(await snapshot(target.db)).toEqual(before);
        // The exclusion constraint came back too: no double booking in the restored database.
        const clash = await expectDbError(
          target.db.execute(
            sql`insert into appointments (professional_id, patient_id, starts_at, ends_at, status, source)
                select professional_id, patient_id, starts_at, ends_at, 'reserved', 'staff' from appointments
                where status <> 'cancelled' and deleted_at is null and not overbooked limit 1`,
          ),
        );
        expect(clash).toMatchObject({ code: '23P01', constraint: 'appointments_no_overlap' });

        // Never over existing data, and never a PGlite archive into PostgreSQL.
        await expect(restorePostgres(file, target.url!)).rejects.toThrow(/La base de destino no está vacía/);
      } finally {
        await target.destroy();
      }
      const archive = path.join(root, 'x.tar.gz');
      fs.writeFileSync(archive, Buffer.from([0x1f, 0x8b, 0, 0]));
      await expect(restorePostgres(archive, url!)).rejects.toThrow(/no es una copia de PostgreSQL/);
    });
  },
  { freshDb: 'per-test' },
);
