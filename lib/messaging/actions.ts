'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { getCenterSettings } from '@/lib/settings/queries';
import { saveMailSettings, saveSmsSettings } from './provider-settings';
import { sendTestMail, sendTestSms, smsBalance, type ProbeResult } from './provider-test';
import { mailSettingsSchema, mailTestSchema, smsSettingsSchema, smsTestSchema } from './settings-schemas';

/** CONFIGURAR ENVIO DE MAILS / SMS: admins only; thin wrappers over lib/messaging/provider-*.ts. */
const ADMIN = ['admin'] as const;

export const saveMailSettingsAction = staffAction(ADMIN, mailSettingsSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await saveMailSettings(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath('/admin/prestaciones/mails');
  return { ok: true, data: { id: result.id } };
});

export const saveSmsSettingsAction = staffAction(ADMIN, smsSettingsSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await saveSmsSettings(getDb(), { staffId: staff.staffId, label: staff.username, ip }, input);
  if (!result.ok) return result;
  revalidatePath('/admin/prestaciones/sms');
  return { ok: true, data: { id: result.id } };
});

type Probe = ActionResult<Extract<ProbeResult, { ok: true }>>;

const probeAnswer = (result: ProbeResult): Probe => (result.ok ? { ok: true, data: result } : { ok: false, error: result.error });

export const testMailAction = staffAction(ADMIN, mailTestSchema, async ({ to }): Promise<Probe> => {
  const db = getDb();
  const center = await getCenterSettings(db);
  return probeAnswer(await sendTestMail(db, to, center.centerName));
});

export const testSmsAction = staffAction(ADMIN, smsTestSchema, async ({ to }): Promise<Probe> => {
  const db = getDb();
  const center = await getCenterSettings(db);
  return probeAnswer(await sendTestSms(db, to, center.centerName));
});

export const smsBalanceAction = staffAction(ADMIN, z.object({}), async (): Promise<ActionResult<{ balance: number }>> => {
  const result = await smsBalance(getDb());
  return result.ok ? { ok: true, data: { balance: result.balance } } : result;
});
