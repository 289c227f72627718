'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { staffUserSchema } from './schemas';
import { createStaffUser, setStaffUserActive, updateStaffUser } from './users';

const ADMIN = ['admin'] as const;
const done = (r: { ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> }): ActionResult<{ id: number }> => {
  if (!r.ok) return r;
  revalidatePath('/admin/sistema/usuarios');
  return { ok: true, data: { id: r.id } };
};

export const createStaffUserAction = staffAction(ADMIN, staffUserSchema, async (input, { staff, ip }) =>
  done(await createStaffUser(getDb(), input, { staffId: staff.staffId, username: staff.username, ip })),
);

export const updateStaffUserAction = staffAction(ADMIN, staffUserSchema.extend({ id: recordId }), async ({ id, ...input }, { staff, ip, sid }) =>
  done(await updateStaffUser(getDb(), id, input, { staffId: staff.staffId, username: staff.username, ip, sid })),
);

export const setStaffUserActiveAction = staffAction(ADMIN, z.object({ id: recordId, on: z.boolean() }), async ({ id, on }, { staff, ip }) =>
  done(await setStaffUserActive(getDb(), id, on, { staffId: staff.staffId, username: staff.username, ip })),
);
