import 'server-only';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import {
  accountTokens,
  appointments,
  auditLog,
  insurers,
  messages,
  patients,
  professionals,
  specialties,
  staffUsers,
  studies,
  webAccounts,
} from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { getCenterSettings } from '@/lib/settings/queries';

/**
 * "Exportar datos del paciente": everything the center holds about one patient, for a request
 * under the right of access of Ley 25.326 (art. 14). Machine-readable (JSON) and printable.
 * Never secrets: no password hash, no link token (nor its hash), no encrypted provider keys;
 * audit snapshots are cleaned of such fields too.
 */

export const EXPORT_FORMAT_VERSION = 1;

/** Field names that hold secrets, wherever they appear (audit snapshots are whole rows). */
const SECRET_KEY = /password|hash|token|secret/i;

/** A JSON value with every secret field removed, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEY.test(k)).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Activation and password links carry a live token in the mail's text: the export keeps the
 * message but not the key (whoever holds the file must not be able to use the link).
 */
export function withoutLinkTokens(text: string): string {
  return text.replace(/([?&]token=)[^\s&"'<>]+/g, '$1[oculto]');
}

/** The whole export of one patient, or null when there is no such patient. Reads only. */
export async function buildPatientExport(db: DbOrTx, patientId: number, now = new Date()) {
  const [row] = await db
    .select({ patient: patients, insurer: insurers.name })
    .from(patients)
    .leftJoin(insurers, eq(insurers.id, patients.insurerId))
    .where(eq(patients.id, patientId));
  if (!row) return null;
  const p = row.patient;
  const center = await getCenterSettings(db);

  const [account] = await db
    .select({
      id: webAccounts.id,
      createdAt: webAccounts.createdAt,
      createdIp: webAccounts.createdIp,
      activatedAt: webAccounts.activatedAt,
      disabled: webAccounts.disabled,
      disabledObservation: webAccounts.disabledObservation,
      lastLoginAt: webAccounts.lastLoginAt,
    })
    .from(webAccounts)
    .where(eq(webAccounts.patientId, patientId));
  const links = account
    ? await db
        .select({
          purpose: accountTokens.purpose,
          newEmail: accountTokens.newEmail,
          createdAt: accountTokens.createdAt,
          expiresAt: accountTokens.expiresAt,
          usedAt: accountTokens.usedAt,
        })
        .from(accountTokens)
        .where(eq(accountTokens.accountId, account.id))
        .orderBy(asc(accountTokens.createdAt), asc(accountTokens.id))
    : [];

  const appts = await db
    .select({
      a: appointments,
      professional: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`,
      specialty: specialties.name,
      study: studies.name,
      insurer: insurers.name,
    })
    .from(appointments)
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .leftJoin(specialties, eq(specialties.id, appointments.specialtyId))
    .leftJoin(studies, eq(studies.id, appointments.studyId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .where(eq(appointments.patientId, patientId))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  const appointmentIds = appts.map((x) => x.a.id);

  const staffIds = [...new Set(appts.flatMap((x) => [x.a.createdByStaffId, x.a.cancelledByStaffId, x.a.deletedByStaffId]).filter((id): id is number => id !== null))];
  const staffNames = new Map(
    staffIds.length ? (await db.select({ id: staffUsers.id, username: staffUsers.username }).from(staffUsers).where(inArray(staffUsers.id, staffIds))).map((s) => [s.id, s.username]) : [],
  );
  const staffName = (id: number | null) => (id === null ? null : (staffNames.get(id) ?? `personal #${id}`));

  const sent = await db
    .select({
      id: messages.id,
      channel: messages.channel,
      kind: messages.kind,
      status: messages.status,
      recipient: messages.recipient,
      subject: messages.subject,
      bodyText: messages.bodyText,
      appointmentId: messages.appointmentId,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
      attempts: messages.attempts,
      error: messages.error,
    })
    .from(messages)
    .where(appointmentIds.length ? or(eq(messages.patientId, patientId), inArray(messages.appointmentId, appointmentIds)) : eq(messages.patientId, patientId))
    .orderBy(asc(messages.createdAt), asc(messages.id));

  const about: SQL[] = [
    and(eq(auditLog.entity, 'patient'), eq(auditLog.entityId, String(patientId)))!,
    and(eq(auditLog.actorKind, 'patient'), eq(auditLog.actorId, patientId))!,
  ];
  if (account) about.push(and(eq(auditLog.entity, 'web_account'), eq(auditLog.entityId, String(account.id)))!);
  if (appointmentIds.length) about.push(and(eq(auditLog.entity, 'appointment'), inArray(auditLog.entityId, appointmentIds.map(String)))!);
  const audit = await db
    .select()
    .from(auditLog)
    .where(or(...about))
    .orderBy(asc(auditLog.at), asc(auditLog.id));

  return {
    format: 'turnos.patient-export' as const,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    legalBasis: 'Ley 25.326 de Protección de los Datos Personales, art. 14 (derecho de acceso)',
    center: { name: center.centerName, timeZone: center.timeZone },
    patient: {
      id: p.id,
      dni: p.dni,
      lastName: p.lastName,
      firstName: p.firstName,
      birthDate: p.birthDate,
      phone: p.phone,
      mobile: p.mobile,
      email: p.email,
      address: p.address,
      insurer: row.insurer,
      memberNumber: p.memberNumber,
      remindersOptIn: p.remindersOptIn,
      notes: p.notes,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    },
    webAccount: account
      ? {
          id: account.id,
          state: (account.disabled ? 'deshabilitada' : account.activatedAt ? 'activa' : 'pendiente de activación') as 'activa' | 'pendiente de activación' | 'deshabilitada',
          createdAt: account.createdAt.toISOString(),
          createdIp: account.createdIp,
          activatedAt: iso(account.activatedAt),
          disabled: account.disabled,
          disabledObservation: account.disabledObservation,
          lastLoginAt: iso(account.lastLoginAt),
          links: links.map((l) => ({ ...l, createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString(), usedAt: iso(l.usedAt) })),
        }
      : null,
    appointments: appts.map(({ a, professional, specialty, study, insurer }) => ({
      id: a.id,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      professional,
      specialty,
      study,
      insurer,
      status: a.status,
      source: a.source,
      reason: a.reason,
      overbooked: a.overbooked,
      createdAt: a.createdAt.toISOString(),
      createdBy: a.source === 'web' && a.createdByStaffId === null ? 'el paciente (web)' : staffName(a.createdByStaffId),
      createdIp: a.createdIp,
      cancelledAt: iso(a.cancelledAt),
      cancelOrigin: a.cancelOrigin,
      cancelledBy: staffName(a.cancelledByStaffId),
      rescheduledFromId: a.rescheduledFromId,
      deletedAt: iso(a.deletedAt),
      deletedBy: staffName(a.deletedByStaffId),
    })),
    messages: sent.map((m) => ({
      ...m,
      subject: withoutLinkTokens(m.subject),
      bodyText: withoutLinkTokens(m.bodyText),
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
    })),
    audit: audit.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorKind: e.actorKind,
      actor: e.actorLabel || (e.actorId !== null ? `#${e.actorId}` : ''),
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: withoutSecrets(e.before),
      after: withoutSecrets(e.after),
      ip: e.ip,
    })),
  };
}

/** What the JSON file holds (version EXPORT_FORMAT_VERSION). */
export type PatientExport = NonNullable<Awaited<ReturnType<typeof buildPatientExport>>>;

export type ExportFormat = 'json' | 'html';

/**
 * The export for a staff member, recorded in the audit log in the same transaction (who took
 * whose data, when, in which format): a patient's whole record leaving the system must leave a
 * trace, and no trace without the export.
 */
export async function exportPatientData(
  db: Db,
  patientId: number,
  format: ExportFormat,
  actor: { staffId: number; username: string; ip?: string },
): Promise<PatientExport | null> {
  return db.transaction(async (tx) => {
    const data = await buildPatientExport(tx, patientId);
    if (!data) return null;
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
      action: 'patient.export',
      entity: 'patient',
      entityId: String(patientId),
      after: { format, appointments: data.appointments.length, messages: data.messages.length, auditEntries: data.audit.length },
      ip: actor.ip,
    });
    return data;
  });
}

/** "paciente-30111222-2026-11-27.json" */
export function patientExportFileName(data: PatientExport, format: ExportFormat): string {
  return `paciente-${data.patient.dni}-${data.exportedAt.slice(0, 10)}.${format}`;
}
