/**
 * Vitest globalSetup of the `http` project: the production build (made when stale, as the e2e
 * harness does) and the PostgreSQL server the suites create their databases on: TEST_DATABASE_URL,
 * else a throwaway cluster of our own; without either the suites skip (and fail under CI=true).
 * The fault suite starts a cluster of its own besides, since it crashes it.
 */
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../../scripts/lib/build-if-needed';
import { findTestPostgres } from '../../support/pg-server';

export interface HttpPostgresInfo {
  adminUrl: string | null;
  skipReason: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    httpPostgres: HttpPostgresInfo;
  }
}

export default async function setup(project: TestProject) {
  buildIfNeeded();
  const found = await findTestPostgres();
  if (found.skipReason) console.warn(`\n!!! HTTP suites are SKIPPED: ${found.skipReason}\n`);
  else console.log(`HTTP suites: next start on PostgreSQL (${found.source})`);
  project.provide('httpPostgres', { adminUrl: found.adminUrl, skipReason: found.skipReason });
  return () => found.server?.stop();
}
