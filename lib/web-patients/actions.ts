'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';
import { getDb } from '@/db/client';
import { linkBase, requestOrigin } from '@/lib/accounts/links';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { getCenterSettings } from '@/lib/settings/queries';
import { webPatientCreateSchema, webPatientUpdateSchema } from './schemas';
import { createWebPatient, sendAccountLink, updateWebPatient } from './web-patients';

// The manual: "un usuario con el permiso correspondiente" — reception looks after patients too.
const STAFF = ['admin', 'reception'] as const;
const id = recordId;

type Done = { ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> };
function done(r: Done): ActionResult<{ id: number }> {
  if (!r.ok) return r;
  revalidatePath('/admin/turnos-web/pacientes', 'layout');
  return { ok: true, data: { id: r.id } };
}

export const updateWebPatientAction = staffAction(STAFF, z.object({ accountId: id, values: webPatientUpdateSchema }), async ({ accountId, values }, { staff, ip }) =>
  done(await updateWebPatient(getDb(), accountId, values, { staffId: staff.staffId, username: staff.username, ip })),
);

export const createWebPatientAction = staffAction(STAFF, webPatientCreateSchema, async (input, { staff, ip }) =>
  done(await createWebPatient(getDb(), input, { staffId: staff.staffId, username: staff.username, ip })),
);

export const sendWebPatientLinkAction = staffAction(
  STAFF,
  z.object({ id, kind: z.enum(['activation', 'password_reset']) }),
  async ({ id: accountId, kind }, { staff, ip }) => {
    const db = getDb();
    const base = linkBase((await getCenterSettings(db)).webAddress, requestOrigin(await headers()));
    return done(await sendAccountLink(db, accountId, kind, base, { staffId: staff.staffId, username: staff.username, ip }));
  },
);
