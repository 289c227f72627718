/**
 * Vitest globalSetup of the `integration` project: runs once, in the main process, before any
 * test file. It prepares one migrated template per engine, so each test database is a cheap copy:
 * - PGlite: migrate an in-memory instance once and dump its data folder to a file
 *   (a fresh PGlite costs 3-4 s; one loaded from the dump about 0.5 s, STACK.md trap 9).
 * - PostgreSQL: TEST_DATABASE_URL, else a throwaway cluster of our own, else skip (fail under CI=true);
 *   then a migrated template database that `CREATE DATABASE ... TEMPLATE` copies per test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, pgliteHandle, postgresHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { findTestPostgres, type ThrowawayPostgres } from './pg-server';

export interface TestDatabasesInfo {
  /** File holding the dumped data folder of a migrated PGlite. */
  pgliteDumpPath: string;
  /** Maintenance connection (CREATE/DROP DATABASE) of the test server; null when PostgreSQL is skipped. */
  postgresAdminUrl: string | null;
  /** Name of the migrated template database on that server. */
  postgresTemplate: string | null;
  /** Why the PostgreSQL suites are skipped; null when they run. */
  postgresSkipReason: string | null;
  /** Human description of where PostgreSQL comes from, for the log. */
  postgresSource: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabases: TestDatabasesInfo;
  }
}

async function preparePglite(dir: string): Promise<string> {
  const client = openPglite();
  const handle = pgliteHandle(client);
  await migrateDatabase(handle);
  // Uncompressed: a larger file (about 40 MB) but each load skips the gunzip.
  const dump = await client.dumpDataDir('none');
  await handle.close();
  const file = path.join(dir, 'pglite-migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

/** Creates and migrates the template `name`. */
async function preparePostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // migrateDatabase opens (and closes) its own connection; nothing may stay connected to a
  // template, or CREATE DATABASE ... TEMPLATE fails with "source database is being accessed".
  const handle = postgresHandle(url.toString(), { max: 1 });
  await migrateDatabase(handle);
  await handle.close();
}

async function dropPostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function findPostgres(info: TestDatabasesInfo): Promise<ThrowawayPostgres | undefined> {
  const found = await findTestPostgres();
  info.postgresAdminUrl = found.adminUrl;
  info.postgresSource = found.source;
  info.postgresSkipReason = found.skipReason;
  return found.server;
}

export default async function setup(project: TestProject) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnos-test-'));
  const info: TestDatabasesInfo = {
    pgliteDumpPath: '',
    postgresAdminUrl: null,
    postgresTemplate: null,
    postgresSkipReason: null,
    postgresSource: '',
  };
  let server: ThrowawayPostgres | undefined;

  const teardown = async () => {
    try {
      if (info.postgresAdminUrl && info.postgresTemplate) {
        await dropPostgresTemplate(info.postgresAdminUrl, info.postgresTemplate);
      }
    } finally {
      server?.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  };

  try {
    info.pgliteDumpPath = await preparePglite(workDir);
    server = await findPostgres(info);
    if (info.postgresAdminUrl) {
      // Unique, so several runs can share one server; named before creation so teardown finds it.
      info.postgresTemplate = `turnos_tpl_${Date.now().toString(36)}_${process.pid}`;
      await preparePostgresTemplate(info.postgresAdminUrl, info.postgresTemplate);
    }
  } catch (error) {
    // Vitest never calls the teardown of a setup that threw; the original error is the one to show.
    await teardown().catch(() => {});
    throw error;
  }

  if (info.postgresSkipReason) {
    console.warn(`\n!!! PostgreSQL integration suites are SKIPPED: ${info.postgresSkipReason}\n`);
  } else {
    console.log(`Integration tests: PGlite + PostgreSQL (${info.postgresSource})`);
  }
  project.provide('testDatabases', info);
  return teardown;
}
