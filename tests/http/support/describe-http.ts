import { describe, inject } from 'vitest';
import { postgresBinariesExist } from '../../support/pg-server';

const isCi = () => process.env.CI === 'true' || process.env.CI === '1';

/**
 * A suite that needs PostgreSQL: registered as skipped, with the reason, when there is none.
 * `ownCluster`: it starts (and crashes) a cluster of its own, so it needs the server binaries
 * even when TEST_DATABASE_URL points elsewhere; under CI their absence is a failure, not a skip.
 */
export function describeHttp(name: string, body: () => void, options: { ownCluster?: boolean } = {}): void {
  let reason = inject('httpPostgres').skipReason;
  if (!reason && options.ownCluster && !postgresBinariesExist() && !isCi()) {
    reason = 'no PostgreSQL binaries for a cluster of its own (apt-get install postgresql)';
  }
  if (reason) describe.skip(`${name} (SKIPPED: ${reason})`, body);
  else describe(name, body);
}
