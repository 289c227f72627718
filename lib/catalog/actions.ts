'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import type { StaffSessionUser } from '@/lib/auth/session-claims';
import { saveInsurer, setInsurerActive, setInsurerWebEnabled } from './insurers';
import type { CatalogActor, CatalogResult } from './mutation';
import {
  saveProfessional,
  saveProfessionalWeb,
  setProfessionalActive,
  setProfessionalStudies,
  setProfessionalWebEnabled,
} from './professionals';
import {
  insurerSchema,
  professionalSchema,
  professionalStudiesSchema,
  professionalWebSchema,
  specialtySchema,
  specialtyWebSchema,
  studySchema,
  switchSchema,
} from './schemas';
import { saveSpecialty, saveSpecialtyWebName, setSpecialtyActive, setSpecialtyWebEnabled } from './specialties';
import { saveStudy, setStudyActive } from './studies';

/**
 * The catalogue screens' server actions: admins only (reception may read the lists but not change
 * what the web offers). Each one is thin: staffAction checks the session, the role as it is now and
 * the form's schema; the domain function writes and audits; the portal sees the change at once.
 */
type Domain<I> = (db: ReturnType<typeof getDb>, actor: CatalogActor, input: I) => Promise<CatalogResult<{ id: number }>>;

async function run<I>(fn: Domain<I>, input: I, staff: StaffSessionUser, ip: string): Promise<ActionResult<{ id: number }>> {
  const result = await fn(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  return { ok: true, data: { id: result.id } };
}

const ADMIN = ['admin'] as const;

export const saveInsurerAction = staffAction(ADMIN, insurerSchema, (input, { staff, ip }) => run(saveInsurer, input, staff, ip));
export const setInsurerWebEnabledAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) =>
  run(setInsurerWebEnabled, input, staff, ip),
);
export const setInsurerActiveAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) => run(setInsurerActive, input, staff, ip));

export const saveSpecialtyAction = staffAction(ADMIN, specialtySchema, (input, { staff, ip }) => run(saveSpecialty, input, staff, ip));
export const saveSpecialtyWebNameAction = staffAction(ADMIN, specialtyWebSchema, (input, { staff, ip }) =>
  run(saveSpecialtyWebName, input, staff, ip),
);
export const setSpecialtyWebEnabledAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) =>
  run(setSpecialtyWebEnabled, input, staff, ip),
);
export const setSpecialtyActiveAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) =>
  run(setSpecialtyActive, input, staff, ip),
);

export const saveStudyAction = staffAction(ADMIN, studySchema, (input, { staff, ip }) => run(saveStudy, input, staff, ip));
export const setStudyActiveAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) => run(setStudyActive, input, staff, ip));

export const saveProfessionalAction = staffAction(ADMIN, professionalSchema, (input, { staff, ip }) =>
  run(saveProfessional, input, staff, ip),
);
export const saveProfessionalWebAction = staffAction(ADMIN, professionalWebSchema, (input, { staff, ip }) =>
  run(saveProfessionalWeb, input, staff, ip),
);
export const setProfessionalWebEnabledAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) =>
  run(setProfessionalWebEnabled, input, staff, ip),
);
export const setProfessionalActiveAction = staffAction(ADMIN, switchSchema, (input, { staff, ip }) =>
  run(setProfessionalActive, input, staff, ip),
);
export const setProfessionalStudiesAction = staffAction(ADMIN, professionalStudiesSchema, (input, { staff, ip }) =>
  run(setProfessionalStudies, input, staff, ip),
);
