'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import type { StaffSessionUser } from '@/lib/auth/session-claims';
import type { AgendaActor, AgendaResult } from './change';
import { addClosure, removeClosure } from './closures';
import { toOutcome, type AgendaOutcome } from './outcome';
import { deleteRule, endRule, saveRule } from './rules';
import { closureIdSchema, resolutionSchema, type Resolution } from './schemas';

/**
 * The agenda screens' server actions. Admins and reception both manage agendas, holidays and
 * absences: reception is who hears first that a professional will not come, and every change is
 * audited with who made it. Each action is thin: staffAction checks the session, the role as it is
 * now and the payload's shape; the domain validates the form with its own schema, writes and audits.
 */
const STAFF = ['admin', 'reception'] as const;

/** The form's values (validated by the domain with the form's schema) and staff's decision. */
const payload = z.object({ input: z.unknown(), resolution: resolutionSchema.default({}) });

type Domain = (db: ReturnType<typeof getDb>, actor: AgendaActor, raw: unknown, resolution: Resolution) => Promise<AgendaResult>;

async function run(fn: Domain, { input, resolution }: z.output<typeof payload>, staff: StaffSessionUser, ip: string): Promise<ActionResult<AgendaOutcome>> {
  const result = await fn(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input, resolution);
  if (!result.ok) return result;
  if (result.status === 'saved') revalidatePath('/', 'layout');
  return { ok: true, data: toOutcome(result) };
}

export const saveRuleAction = staffAction(STAFF, payload, (p, { staff, ip }) => run(saveRule, p, staff, ip));
export const endRuleAction = staffAction(STAFF, payload, (p, { staff, ip }) => run(endRule, p, staff, ip));
export const deleteRuleAction = staffAction(STAFF, payload, (p, { staff, ip }) => run(deleteRule, p, staff, ip));
export const addClosureAction = staffAction(STAFF, payload, (p, { staff, ip }) => run(addClosure, p, staff, ip));

export const removeClosureAction = staffAction(STAFF, closureIdSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await removeClosure(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  return { ok: true, data: { id: result.id } };
});
