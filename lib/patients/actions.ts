'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { createPatient, updatePatient } from './patients';
import { patientSchema } from './schemas';

const STAFF = ['admin', 'reception'] as const;

type Outcome = { ok: true; patientId: number } | { ok: false; error: string; fieldErrors?: Record<string, string> };
function done(r: Outcome): ActionResult<{ id: number }> {
  if (!r.ok) return r;
  revalidatePath('/admin/sistema/pacientes', 'layout');
  return { ok: true, data: { id: r.patientId } };
}

export const createPatientAction = staffAction(STAFF, patientSchema, async (input, { staff, ip }) =>
  done(await createPatient(getDb(), input, { staffId: staff.staffId, ip })),
);

export const updatePatientAction = staffAction(
  STAFF,
  z.object({ id: recordId, values: patientSchema }),
  async ({ id, values }, { staff, ip }) => done(await updatePatient(getDb(), id, values, { staffId: staff.staffId, ip })),
);
