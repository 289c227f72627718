import type { DbOrTx } from '@/db/client';
import { auditLog, type NewAuditEntry } from '@/db/schema';

export type Actor =
  | { kind: 'patient'; patientId: number; label?: string }
  | { kind: 'staff'; staffId: number; label?: string }
  | { kind: 'system'; label?: string };

/** Records who changed what. Call it inside the transaction of the change itself. */
export async function writeAudit(
  tx: DbOrTx,
  actor: Actor,
  entry: Pick<NewAuditEntry, 'action' | 'entity' | 'entityId' | 'before' | 'after'> & { ip?: string },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorKind: actor.kind,
    actorId: actor.kind === 'patient' ? actor.patientId : actor.kind === 'staff' ? actor.staffId : null,
    actorLabel: actor.label ?? '',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? '',
  });
}
