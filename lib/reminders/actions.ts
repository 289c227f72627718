'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { getCenterSettings } from '@/lib/settings/queries';
import { centerContactOf, centerValues, reminderEmail } from './email';
import { SAMPLE_VALUES } from './placeholders';
import { templatePreviewSchema, templateSchema, templateSwitchSchema } from './schemas';
import { createReminderRule, reminderRuleSchema, reminderRuleSwitchSchema, setReminderRuleActive } from './rules';
import { saveTemplate, setTemplateActive } from './templates';

/** PLANTILLAS: admins only. Thin: staffAction checks session, role and schema; the domain writes and audits. */
const ADMIN = ['admin'] as const;
const LIST = '/admin/prestaciones/plantillas';

export const saveTemplateAction = staffAction(ADMIN, templateSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await saveTemplate(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath(LIST);
  return { ok: true, data: { id: result.id } };
});

export const setTemplateActiveAction = staffAction(ADMIN, templateSwitchSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await setTemplateActive(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath(LIST);
  return { ok: true, data: { id: result.id } };
});

/** The mail as a patient would get it, with sample values, through the real layout. Writes nothing. */
export const previewEmailTemplateAction = staffAction(ADMIN, templatePreviewSchema, async (input): Promise<ActionResult<{ subject: string; html: string }>> => {
  const center = await getCenterSettings(getDb());
  const mail = await reminderEmail(centerContactOf(center), input, { ...SAMPLE_VALUES, ...centerValues(center) });
  return { ok: true, data: { subject: mail.subject, html: mail.bodyHtml } };
});

const RULES = '/admin/prestaciones/recordatorios';

export const createReminderRuleAction = staffAction(ADMIN, reminderRuleSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await createReminderRule(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath(RULES);
  return { ok: true, data: { id: result.id } };
});

export const setReminderRuleActiveAction = staffAction(ADMIN, reminderRuleSwitchSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await setReminderRuleActive(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath(RULES);
  return { ok: true, data: { id: result.id } };
});
