import type { DbOrTx } from '@/db/client';
import { auditLog, type NewAuditEntry } from '@/db/schema';

export type Actor =
  | { kind: 'patient'; patientId: number; label?: string }
  | { kind: 'staff'; staffId: number; label?: string }
  | { kind: 'system'; label?: string };

type AuditInput = Pick<NewAuditEntry, 'action' | 'entity' | 'entityId' | 'before' | 'after'> & { ip?: string };

/** The audit row for a change, for callers that write it inside a statement of their own. */
export function auditValues(actor: Actor, entry: AuditInput): NewAuditEntry {
  return {
    actorKind: actor.kind,
    actorId: actor.kind === 'patient' ? actor.patientId : actor.kind === 'staff' ? actor.staffId : null,
    actorLabel: actor.label ?? '',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? '',
  };
}

/** Records who changed what. Call it inside the transaction of the change itself. */
export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values(auditValues(actor, entry));
}
