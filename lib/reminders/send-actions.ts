'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { SEND_PATH, sendBatchRowSchema, sendBatchSchema, sendListSchema } from './send-list-schema';
import { batchProgress, buildSendList, discardBatch, releaseBatch, removeBatchRow, type BatchCounts } from './send-lists';

/**
 * ENVIAR MAIL/SMS. Reception prepares and sends the weekly reminders as much as admins do (the
 * manual recommends once or twice a week); PLANTILLAS and the settings stay with admins.
 */
const STAFF = ['admin', 'reception'] as const;
const actorOf = (staff: { staffId: number; username: string }, ip: string) => ({ staffId: staff.staffId, label: staff.username, ip });

export const buildSendListAction = staffAction(STAFF, sendListSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await buildSendList(getDb(), actorOf(staff, ip), input);
  if (!result.ok) return result;
  revalidatePath(SEND_PATH);
  return { ok: true, data: { id: result.batchId } };
});

export const removeBatchRowAction = staffAction(STAFF, sendBatchRowSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await removeBatchRow(getDb(), actorOf(staff, ip), input);
  if (!result.ok) return result;
  revalidatePath(`${SEND_PATH}/${input.batchId}`);
  return { ok: true, data: { id: input.batchId } };
});

export const releaseBatchAction = staffAction(STAFF, sendBatchSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await releaseBatch(getDb(), actorOf(staff, ip), input);
  if (!result.ok) return result;
  revalidatePath(`${SEND_PATH}/${input.batchId}`);
  return { ok: true, data: { id: input.batchId } };
});

export const discardBatchAction = staffAction(STAFF, sendBatchSchema, async (input, { staff, ip }): Promise<ActionResult<{ id: number }>> => {
  const result = await discardBatch(getDb(), actorOf(staff, ip), input);
  if (!result.ok) return result;
  revalidatePath(SEND_PATH);
  return { ok: true, data: { id: input.batchId } };
});

/** Polled by the progress bar. Reads only. */
export const batchProgressAction = staffAction(
  STAFF,
  sendBatchSchema,
  async (input): Promise<ActionResult<{ status: 'draft' | 'sending' | 'done'; counts: BatchCounts }>> => {
    const progress = await batchProgress(getDb(), input.batchId);
    if (!progress) return { ok: false, error: 'Ese envío no existe.' };
    return { ok: true, data: progress };
  },
);
