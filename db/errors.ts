/** The PostgreSQL error behind Drizzle's wrapper (STACK.md trap 7): PGlite names the constraint
 * `constraint`, postgres.js `constraint_name`. */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  const inner = ((error as { cause?: unknown })?.cause ?? error) as Record<string, unknown> | undefined;
  return {
    code: inner?.code as string | undefined,
    constraint: (inner?.constraint ?? inner?.constraint_name) as string | undefined,
  };
}

/** A unique index refused the row (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return pgError(error).code === '23505';
}

/**
 * Thrown inside a transaction to refuse with a value: the transaction rolls back, so a refusal
 * never leaves half a change behind, and the caller answers with `result`.
 */
export class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}

/**
 * PostgreSQL cannot be reached right now: refused or dropped connections (postgres.js codes and
 * Node socket errors), the server shutting down or still starting up (57P0x), connection failures
 * (08xxx), no free connection slot (53300). A restart or a network blip, not a bug: worth a
 * "try again" page rather than a crash.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgError(error).code ?? '';
  return (
    /^(08|57P0)/.test(code) ||
    code === '53300' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'].includes(code)
  );
}
