import type { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { writeAudit } from '@/lib/audit/log';
import { pgError, RollbackWith } from '@/db/errors';

/** Who changes the catalogue: a staff member, from where. */
export interface CatalogActor {
  staffId: number;
  /** The staff username, as the audit log shows it. */
  label: string;
  ip?: string;
}

export type CatalogResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const CHECK_FIELDS = 'Revise los datos marcados.';

/** Parses with the form's own schema; Spanish field errors keyed by the field's path. */
export function validate<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; data: z.output<S> } | { ok: false; error: string; fieldErrors: Record<string, string> } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message;
  return { ok: false, error: CHECK_FIELDS, fieldErrors };
}

type Refused = { ok: false; error: string; fieldErrors?: Record<string, string> };

export function refuse(error: string, fieldErrors?: Record<string, string>): never {
  throw new RollbackWith<Refused>({ ok: false, error, fieldErrors });
}

export interface AuditedChange<T extends object> {
  entityId: number;
  before: unknown;
  after: unknown;
  result?: T;
}

/**
 * Runs one catalogue change and its audit entry in a single transaction. `work` returns the row
 * before and after (or calls `refuse`); a unique-name violation becomes `duplicate` next to the
 * `name` field. Either everything is written or nothing is.
 */
export async function auditedChange<T extends object = object>(
  db: Db,
  actor: CatalogActor,
  meta: { action: string; entity: string; duplicate?: string },
  work: (tx: Tx) => Promise<AuditedChange<T>>,
): Promise<CatalogResult<{ id: number } & T>> {
  try {
    return await db.transaction(async (tx) => {
      const change = await work(tx);
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
        action: meta.action,
        entity: meta.entity,
        entityId: String(change.entityId),
        before: change.before ?? null,
        after: change.after ?? null,
        ip: actor.ip,
      });
      return { ok: true as const, id: change.entityId, ...(change.result as T) };
    });
  } catch (error) {
    if (error instanceof RollbackWith) return error.result as Refused;
    const pg = pgError(error);
    if (pg.code === '23505' && meta.duplicate && (!pg.constraint || pg.constraint.endsWith('_name_unique'))) {
      return { ok: false, error: CHECK_FIELDS, fieldErrors: { name: meta.duplicate } };
    }
    throw error;
  }
}

