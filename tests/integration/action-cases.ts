import fc from 'fast-check';
import { closureIdSchema, closureSchema, endRuleSchema, resolutionSchema, ruleIdSchema, ruleSchema } from '@/lib/agenda/schemas';
import {
  insurerSchema,
  professionalSchema,
  professionalStudiesSchema,
  professionalWebSchema,
  specialtySchema,
  specialtyWebSchema,
  studySchema,
  switchSchema,
} from '@/lib/catalog/schemas';
import { mailSettingsSchema, mailTestSchema, smsSettingsSchema, smsTestSchema } from '@/lib/messaging/settings-schemas';
import { patientSchema } from '@/lib/patients/schemas';
import { reminderRuleSchema, reminderRuleSwitchSchema } from '@/lib/reminders/rules';
import { templatePreviewSchema, templateSchema, templateSwitchSchema } from '@/lib/reminders/schemas';
import { sendBatchRowSchema, sendBatchSchema, sendListSchema } from '@/lib/reminders/send-list-schema';
import { centerSettingsSchema } from '@/lib/settings/schema';
import { staffUserSchema } from '@/lib/staff/schemas';
import { webPatientCreateSchema, webPatientUpdateSchema } from '@/lib/web-patients/schemas';
import { hostileField, hostileFormData, hostileInputFor, hostileValue, shapeKeys } from '../support/hostile';

/**
 * Every exported server action ('use server' module), how it is called, and as whom. The test in
 * action-hostile-input.test.ts fails when an action exists that is not listed here, so a new
 * action cannot ship without being driven with hostile input.
 */

export type Caller = 'anonymous' | 'patient' | 'admin';

export interface ActionCase {
  as: Caller;
  /** The whole argument list, every argument forgeable (bound ids travel through the browser too). */
  args: fc.Arbitrary<unknown[]>;
}

/** Field values that sometimes name rows that exist (small ids), so refusals past the lookup are reached. */
const field = fc.oneof({ arbitrary: hostileField, weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }, { arbitrary: fc.constantFrom('1', '2', '3'), weight: 1 });
const obj = (keys: readonly string[]) => hostileInputFor(keys, field);
const keysOf = (schema: Parameters<typeof shapeKeys>[0]) => shapeKeys(schema);

/** One object argument (the staff actions). */
const staff = (keys: readonly string[]): ActionCase => ({ as: 'admin', args: obj(keys).map((v) => [v]) });
/** A staff payload that wraps a form: `{ input, resolution }` (agenda) or `{ id, values }`. */
const wrapped = (outer: Record<string, fc.Arbitrary<unknown>>): ActionCase => ({
  as: 'admin',
  args: fc.oneof({ arbitrary: fc.record(outer, { requiredKeys: [] }), weight: 4 }, { arbitrary: hostileValue, weight: 1 }).map((v) => [v]),
});
/** A portal form: (previous state, FormData), maybe after bound arguments. */
const form = (as: Caller, keys: readonly string[], bound: fc.Arbitrary<unknown>[] = []): ActionCase => ({
  as,
  args: fc.tuple(...bound, hostileValue, hostileFormData(keys)),
});

const agenda = (inputKeys: readonly string[]) => wrapped({ input: obj(inputKeys), resolution: hostileInputFor(keysOf(resolutionSchema), field) });

export const ACTION_CASES: Record<string, ActionCase> = {
  // Portal: accounts (anonymous), Mis Datos (the signed-in patient).
  'lib/accounts/actions.ts#startRegistrationAction': form('anonymous', ['dni', 'answer', 'challenge']),
  'lib/accounts/actions.ts#registerAction': form('anonymous', [
    'dni', 'lastName', 'firstName', 'birthDate', 'mobile', 'phone', 'email', 'insurerId', 'memberNumber', 'password', 'passwordConfirm', 'remindersOptIn', 'ticket',
  ]),
  'lib/accounts/actions.ts#activateAction': form('anonymous', ['password'], [field]),
  'lib/accounts/actions.ts#resetPasswordAction': form('anonymous', ['password', 'passwordConfirm'], [field]),
  'lib/accounts/actions.ts#confirmEmailAction': { as: 'anonymous', args: fc.tuple(field, hostileValue) },
  'lib/accounts/actions.ts#forgotPasswordAction': form('anonymous', ['dni', 'answer', 'challenge']),
  'lib/accounts/actions.ts#updateMyContactAction': form('patient', ['mobile', 'phone', 'address', 'insurerId', 'memberNumber', 'remindersOptIn']),
  'lib/accounts/actions.ts#changeMyPasswordAction': form('patient', ['currentPassword', 'newPassword', 'newPasswordConfirm']),
  'lib/accounts/actions.ts#requestEmailChangeAction': form('patient', ['newEmail', 'currentPassword']),
  // Sign in / out.
  'lib/auth/actions.ts#loginPatient': form('anonymous', ['dni', 'password', 'desde']),
  'lib/auth/actions.ts#loginStaff': form('anonymous', ['username', 'password', 'desde']),
  'lib/auth/actions.ts#logout': { as: 'patient', args: fc.constant([]) },
  // Portal: booking.
  'lib/booking/actions.ts#acknowledgeProfessionalMessage': { as: 'patient', args: fc.tuple(field, field) },
  'lib/booking/actions.ts#confirmWebBooking': form('patient', ['insurerId', 'reason'], [
    fc.oneof(hostileInputFor(['professionalId', 'startsAt', 'specialtyId', 'studyId', 'rescheduleFromId'], field), hostileValue),
  ]),
  'lib/booking/actions.ts#cancelMyAppointment': { as: 'patient', args: fc.tuple(field) },
  'lib/booking/actions.ts#updateMyAppointmentReason': form('patient', ['reason'], [field]),
  // Staff: agendas.
  'lib/agenda/actions.ts#saveRuleAction': agenda(keysOf(ruleSchema)),
  'lib/agenda/actions.ts#endRuleAction': agenda(keysOf(endRuleSchema)),
  'lib/agenda/actions.ts#deleteRuleAction': agenda(keysOf(ruleIdSchema)),
  'lib/agenda/actions.ts#addClosureAction': agenda(keysOf(closureSchema)),
  'lib/agenda/actions.ts#removeClosureAction': staff(keysOf(closureIdSchema)),
  // Staff: the day's turnos.
  'lib/appointments/staff-actions.ts#setAttendance': staff(['appointmentId', 'status']),
  'lib/appointments/staff-actions.ts#staffCancelAppointment': staff(['appointmentId']),
  'lib/appointments/staff-actions.ts#staffDeleteAppointment': staff(['appointmentId']),
  'lib/appointments/staff-actions.ts#staffBook': staff(['professionalId', 'startsAt', 'patientId', 'specialtyId', 'studyId', 'insurerId', 'reason', 'overbook']),
  'lib/appointments/staff-actions.ts#staffCreatePatient': staff(keysOf(patientSchema)),
  'lib/appointments/staff-actions.ts#staffSearchPatients': staff(['query']),
  // Staff: catalogue.
  'lib/catalog/actions.ts#saveInsurerAction': staff(keysOf(insurerSchema)),
  'lib/catalog/actions.ts#setInsurerWebEnabledAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#setInsurerActiveAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#saveSpecialtyAction': staff(keysOf(specialtySchema)),
  'lib/catalog/actions.ts#saveSpecialtyWebNameAction': staff(keysOf(specialtyWebSchema)),
  'lib/catalog/actions.ts#setSpecialtyWebEnabledAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#setSpecialtyActiveAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#saveStudyAction': staff(keysOf(studySchema)),
  'lib/catalog/actions.ts#setStudyActiveAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#saveProfessionalAction': staff(keysOf(professionalSchema)),
  'lib/catalog/actions.ts#saveProfessionalWebAction': staff(keysOf(professionalWebSchema)),
  'lib/catalog/actions.ts#setProfessionalWebEnabledAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#setProfessionalActiveAction': staff(keysOf(switchSchema)),
  'lib/catalog/actions.ts#setProfessionalStudiesAction': staff(keysOf(professionalStudiesSchema)),
  // Staff: mail and SMS.
  'lib/messaging/actions.ts#saveMailSettingsAction': staff(keysOf(mailSettingsSchema)),
  'lib/messaging/actions.ts#saveSmsSettingsAction': staff(keysOf(smsSettingsSchema)),
  'lib/messaging/actions.ts#testMailAction': staff(keysOf(mailTestSchema)),
  'lib/messaging/actions.ts#testSmsAction': staff(keysOf(smsTestSchema)),
  'lib/messaging/actions.ts#smsBalanceAction': staff([]),
  // Staff: patients, templates, reminders, settings, users, web accounts.
  'lib/patients/actions.ts#createPatientAction': staff(keysOf(patientSchema)),
  'lib/patients/actions.ts#updatePatientAction': wrapped({ id: field, values: obj(keysOf(patientSchema)) }),
  'lib/reminders/actions.ts#saveTemplateAction': staff(keysOf(templateSchema)),
  'lib/reminders/actions.ts#setTemplateActiveAction': staff(keysOf(templateSwitchSchema)),
  'lib/reminders/actions.ts#previewEmailTemplateAction': staff(keysOf(templatePreviewSchema)),
  'lib/reminders/actions.ts#createReminderRuleAction': staff(keysOf(reminderRuleSchema)),
  'lib/reminders/actions.ts#setReminderRuleActiveAction': staff(keysOf(reminderRuleSwitchSchema)),
  // ENVIAR MAIL/SMS.
  'lib/reminders/send-actions.ts#buildSendListAction': staff(keysOf(sendListSchema)),
  'lib/reminders/send-actions.ts#removeBatchRowAction': staff(keysOf(sendBatchRowSchema)),
  'lib/reminders/send-actions.ts#releaseBatchAction': staff(keysOf(sendBatchSchema)),
  'lib/reminders/send-actions.ts#discardBatchAction': staff(keysOf(sendBatchSchema)),
  'lib/reminders/send-actions.ts#batchProgressAction': staff(keysOf(sendBatchSchema)),
  'lib/settings/actions.ts#saveCenterSettings': staff(keysOf(centerSettingsSchema)),
  'lib/staff/actions.ts#createStaffUserAction': staff(keysOf(staffUserSchema)),
  'lib/staff/actions.ts#updateStaffUserAction': staff([...keysOf(staffUserSchema), 'id']),
  'lib/staff/actions.ts#setStaffUserActiveAction': staff(['id', 'on']),
  'lib/web-patients/actions.ts#updateWebPatientAction': wrapped({ accountId: field, values: obj(keysOf(webPatientUpdateSchema)) }),
  'lib/web-patients/actions.ts#createWebPatientAction': staff(keysOf(webPatientCreateSchema)),
  'lib/web-patients/actions.ts#sendWebPatientLinkAction': staff(['id', 'kind']),
};

/**
 * Pages that declare an inline 'use server' closure: each only forwards to listed module actions
 * (with an id taken from the URL), so driving those actions covers them.
 */
export const INLINE_SERVER_FUNCTIONS: Record<string, string[]> = {
  'app/admin/(panel)/sistema/pacientes/[id]/page.tsx': ['updatePatientAction'],
  'app/admin/(panel)/sistema/usuarios/[id]/page.tsx': ['updateStaffUserAction'],
  'app/admin/(panel)/turnos-web/pacientes/[id]/page.tsx': ['updateWebPatientAction'],
};
