import 'server-only';
import { and, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { addDaysToDate } from '@/lib/availability/slots';
import { containsPattern } from '@/lib/search/like';

export interface AuditFilters {
  /** Local dates 'yyyy-MM-dd' in the center's zone, inclusive. */
  from?: string;
  to?: string;
  actorKind?: 'staff' | 'patient' | 'system';
  entity?: string;
  /** Matches the action, the actor's label or the entity id. */
  text?: string;
  /** Keyset: rows older than this id. */
  before?: number;
}

export const AUDIT_PAGE = 50;

/** The audit log, newest first, one page at a time (keyset on id: fast however long the log grows). */
export async function listAudit(db: DbOrTx, f: AuditFilters, timeZone: string) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        f.from ? gte(auditLog.at, fromZonedTime(`${f.from}T00:00:00`, timeZone)) : undefined,
        f.to ? lt(auditLog.at, fromZonedTime(`${addDaysToDate(f.to, 1)}T00:00:00`, timeZone)) : undefined,
        f.actorKind ? eq(auditLog.actorKind, f.actorKind) : undefined,
        f.entity ? eq(auditLog.entity, f.entity) : undefined,
        f.text
          ? or(ilike(auditLog.action, containsPattern(f.text)), ilike(auditLog.actorLabel, containsPattern(f.text)), eq(auditLog.entityId, f.text))
          : undefined,
        f.before ? lt(auditLog.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE + 1);
  return { rows: rows.slice(0, AUDIT_PAGE), nextBefore: rows.length > AUDIT_PAGE ? rows[AUDIT_PAGE - 1].id : null };
}

export async function listAuditEntities(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(sql`1`);
  return rows.map((r) => r.entity);
}

/** What changed between before and after: the keys whose values differ (secrets never stored). */
export function changedFields(before: unknown, after: unknown): Array<{ field: string; before: string; after: string }> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'updatedAt' && k !== 'updated_at');
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
}
