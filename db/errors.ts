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
