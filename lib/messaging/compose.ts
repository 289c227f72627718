import { createElement } from 'react';
import type { CenterSettings } from '@/db/schema';
import { formatDni } from '@/lib/patients/schemas';
import { formatDate, formatLongDate, formatTime } from '@/lib/time/format';
import AccountActivation, { type AccountActivationProps } from '@/emails/account-activation';
import AlreadyRegistered, { type AlreadyRegisteredProps } from '@/emails/already-registered';
import AppointmentCancelled, { type AppointmentCancelledProps } from '@/emails/appointment-cancelled';
import BookingConfirmation, { type BookingConfirmationProps } from '@/emails/booking-confirmation';
import EmailChange, { type EmailChangeProps } from '@/emails/email-change';
import type { CenterContact } from '@/emails/layout';
import PasswordReset, { type PasswordResetProps } from '@/emails/password-reset';
import { buildAppointmentIcs, icsAttachment } from './ics';
import { renderEmail } from './render';
import type { MessageAttachment } from './transports/types';

/**
 * Ready-to-enqueue emails: `enqueueEmail(tx, { kind, recipient, ...await bookingConfirmationMessage(...) })`.
 * Every template prop is passed explicitly (null when absent): the templates' defaults are
 * preview data and must never reach a patient.
 */
export interface EmailContent {
  subject: string;
  bodyText: string;
  bodyHtml: string;
  attachments: MessageAttachment[];
}

/** What the mails need from getCenterSettings(). */
export type EmailCenter = Pick<
  CenterSettings,
  'centerName' | 'mailPhrase' | 'contactPhones' | 'contactEmail' | 'contactHours' | 'webAddress' | 'timeZone'
>;

const blank = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

function contactOf(center: EmailCenter): CenterContact {
  return {
    centerName: center.centerName,
    contactPhones: blank(center.contactPhones),
    contactEmail: blank(center.contactEmail),
    contactHours: blank(center.contactHours),
    webAddress: blank(center.webAddress),
  };
}

/** A page of the portal, when the center has set its web address. */
function portalUrl(center: EmailCenter, path: string): string | null {
  const base = blank(center.webAddress);
  if (!base) return null;
  try {
    return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
  } catch {
    return null;
  }
}

/** "PEREZ JUAN", as the manual lists people. */
export function personName(person: { lastName: string; firstName: string }): string {
  return `${person.lastName} ${person.firstName}`.trim();
}

/** "Jueves" */
function weekdayOf(instant: Date, timeZone: string): string {
  return formatLongDate(instant, timeZone).split(' ')[0];
}

export interface BookingConfirmationInput {
  center: EmailCenter;
  appointment: { id: number; startsAt: Date; endsAt: Date; reason?: string | null };
  patient: { lastName: string; firstName: string };
  professional: { lastName: string; firstName: string; bookingMessage?: string | null };
  specialty?: { name: string } | null;
  study?: { name: string; indication?: string | null } | null;
  insurer?: { name: string; bookingMessage?: string | null } | null;
  /** DTSTAMP of the .ics (tests); defaults to now. */
  now?: Date;
}

export async function bookingConfirmationMessage(input: BookingConfirmationInput): Promise<EmailContent> {
  const { center, appointment } = input;
  const professionalName = personName(input.professional);
  const date = formatDate(appointment.startsAt, center.timeZone);
  const time = formatTime(appointment.startsAt, center.timeZone);
  const props: Required<BookingConfirmationProps> = {
    center: contactOf(center),
    mailPhrase: blank(center.mailPhrase),
    patientName: personName(input.patient),
    weekday: weekdayOf(appointment.startsAt, center.timeZone),
    date,
    time,
    professionalName,
    specialtyName: blank(input.specialty?.name),
    studyName: blank(input.study?.name),
    studyIndication: blank(input.study?.indication),
    insurerName: blank(input.insurer?.name),
    reason: blank(appointment.reason),
    professionalMessage: blank(input.professional.bookingMessage),
    insurerMessage: blank(input.insurer?.bookingMessage),
    myAppointmentsUrl: portalUrl(center, 'mis-turnos'),
  };
  const { html, text } = await renderEmail(createElement(BookingConfirmation, props));
  const what = props.studyName ?? props.specialtyName;
  const ics = buildAppointmentIcs({
    appointmentId: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    summary: `Turno con ${professionalName}`,
    location: center.centerName,
    description: [what, props.studyIndication, props.mailPhrase].filter(Boolean).join('\n') || null,
    webAddress: center.webAddress,
    organizerName: center.centerName,
    organizerEmail: blank(center.contactEmail),
    now: input.now,
  });
  return {
    subject: `Turno confirmado: ${date} ${time} hs con ${professionalName}`,
    bodyText: text,
    bodyHtml: html,
    attachments: [icsAttachment(ics, 'PUBLISH')],
  };
}

export interface AppointmentCancelledInput {
  center: EmailCenter;
  appointment: { id: number; startsAt: Date; endsAt: Date };
  patient: { lastName: string; firstName: string };
  professional: { lastName: string; firstName: string };
  specialty?: { name: string } | null;
  study?: { name: string } | null;
  cancelledBy: 'patient' | 'center';
  now?: Date;
}

export async function appointmentCancelledMessage(input: AppointmentCancelledInput): Promise<EmailContent> {
  const { center, appointment } = input;
  const professionalName = personName(input.professional);
  const date = formatDate(appointment.startsAt, center.timeZone);
  const time = formatTime(appointment.startsAt, center.timeZone);
  const props: Required<AppointmentCancelledProps> = {
    center: contactOf(center),
    patientName: personName(input.patient),
    weekday: weekdayOf(appointment.startsAt, center.timeZone),
    date,
    time,
    professionalName,
    specialtyName: blank(input.specialty?.name),
    studyName: blank(input.study?.name),
    cancelledBy: input.cancelledBy,
    bookUrl: portalUrl(center, 'tomar-turno'),
  };
  const { html, text } = await renderEmail(createElement(AppointmentCancelled, props));
  const ics = buildAppointmentIcs({
    appointmentId: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    summary: `Turno con ${professionalName}`,
    location: center.centerName,
    webAddress: center.webAddress,
    organizerName: center.centerName,
    organizerEmail: blank(center.contactEmail),
    status: 'cancelled',
    now: input.now,
  });
  return {
    subject: `Turno cancelado: ${date} ${time} hs con ${professionalName}`,
    bodyText: text,
    bodyHtml: html,
    attachments: [icsAttachment(ics, 'CANCEL')],
  };
}

export interface AccountLinkInput {
  center: EmailCenter;
  patient: { lastName: string; firstName: string };
  /** The full link, token included. */
  url: string;
  expiresAt: Date;
}

export async function accountActivationMessage(input: AccountLinkInput): Promise<EmailContent> {
  const props: Required<AccountActivationProps> = {
    center: contactOf(input.center),
    patientName: personName(input.patient),
    activationUrl: input.url,
    expiresAt: `${formatDate(input.expiresAt, input.center.timeZone)} ${formatTime(input.expiresAt, input.center.timeZone)}`,
  };
  const { html, text } = await renderEmail(createElement(AccountActivation, props));
  return { subject: `Active su usuario web de ${input.center.centerName}`, bodyText: text, bodyHtml: html, attachments: [] };
}

export async function passwordResetMessage(input: AccountLinkInput): Promise<EmailContent> {
  const props: Required<PasswordResetProps> = {
    center: contactOf(input.center),
    patientName: personName(input.patient),
    resetUrl: input.url,
    expiresAt: `${formatDate(input.expiresAt, input.center.timeZone)} ${formatTime(input.expiresAt, input.center.timeZone)}`,
  };
  const { html, text } = await renderEmail(createElement(PasswordReset, props));
  return { subject: `Cambio de contraseña en ${input.center.centerName}`, bodyText: text, bodyHtml: html, attachments: [] };
}

/** Someone registered a DNI that already has an active web user: a way back in, nothing changed. */
export async function alreadyRegisteredMessage(input: AccountLinkInput & { dni: string }): Promise<EmailContent> {
  const props: Required<AlreadyRegisteredProps> = {
    center: contactOf(input.center),
    patientName: personName(input.patient),
    dni: formatDni(input.dni),
    loginUrl: portalUrl(input.center, 'ingresar'),
    resetUrl: input.url,
    expiresAt: `${formatDate(input.expiresAt, input.center.timeZone)} ${formatTime(input.expiresAt, input.center.timeZone)}`,
  };
  const { html, text } = await renderEmail(createElement(AlreadyRegistered, props));
  return { subject: `Usted ya tiene usuario web en ${input.center.centerName}`, bodyText: text, bodyHtml: html, attachments: [] };
}

/** Sent to the NEW address: the e-mail changes only when its link is opened. */
export async function emailChangeMessage(input: AccountLinkInput & { newEmail: string }): Promise<EmailContent> {
  const props: Required<EmailChangeProps> = {
    center: contactOf(input.center),
    patientName: personName(input.patient),
    newEmail: input.newEmail,
    confirmUrl: input.url,
    expiresAt: `${formatDate(input.expiresAt, input.center.timeZone)} ${formatTime(input.expiresAt, input.center.timeZone)}`,
  };
  const { html, text } = await renderEmail(createElement(EmailChange, props));
  return { subject: `Confirme su nuevo e-mail en ${input.center.centerName}`, bodyText: text, bodyHtml: html, attachments: [] };
}
