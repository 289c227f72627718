import { pgEnum } from 'drizzle-orm/pg-core';

export const selectionModeEnum = pgEnum('selection_mode', ['specialty', 'study']);
export const staffRoleEnum = pgEnum('staff_role', ['admin', 'reception']);
export const appointmentStatusEnum = pgEnum('appointment_status', [
  'reserved',
  'present',
  'absent',
  'cancelled',
]);
export const appointmentSourceEnum = pgEnum('appointment_source', ['web', 'staff']);
export const cancelOriginEnum = pgEnum('cancel_origin', ['web', 'staff', 'system']);
export const channelEnum = pgEnum('message_channel', ['email', 'sms']);
export const messageKindEnum = pgEnum('message_kind', [
  'activation',
  'password_reset',
  'email_change',
  'booking_confirmation',
  'cancellation',
  'reminder',
  'bulk',
  'test',
]);
export const messageStatusEnum = pgEnum('message_status', [
  'draft', // built into a staff list, not yet released for sending
  'pending', // released: the worker will deliver it
  'sending', // claimed by a worker
  'sent',
  'error', // gave up after retries, or a permanent provider error
  'cancelled',
]);
export const batchStatusEnum = pgEnum('message_batch_status', ['draft', 'sending', 'done']);
export const tokenPurposeEnum = pgEnum('account_token_purpose', [
  'activation',
  'password_reset',
  'email_change',
]);
export const actorKindEnum = pgEnum('actor_kind', ['staff', 'patient', 'system']);
export const loginScopeEnum = pgEnum('login_scope', ['patient', 'staff']);
