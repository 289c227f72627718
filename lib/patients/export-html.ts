import { statusLabels } from '@/lib/appointments/status';
import { formatDate, formatTime } from '@/lib/time/format';
import type { PatientExport } from './export';

/**
 * The printable version of a patient's export: one self-contained HTML page (no script, no
 * external file), for handing the patient a paper copy. Every value is escaped.
 */

const escape = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const KIND_LABELS: Record<string, string> = {
  activation: 'Activación de usuario',
  password_reset: 'Nueva contraseña',
  email_change: 'Cambio de e-mail',
  booking_confirmation: 'Confirmación de turno',
  cancellation: 'Cancelación de turno',
  reminder: 'Recordatorio',
  bulk: 'Envío masivo',
  test: 'Prueba',
};
const MESSAGE_STATUS_LABELS: Record<string, string> = {
  draft: 'En preparación',
  pending: 'Pendiente',
  sending: 'Enviando',
  sent: 'Enviado',
  error: 'Error',
  cancelled: 'Cancelado',
};

function table(caption: string, head: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<h2>${escape(caption)}</h2><p>${escape(empty)}</p>`;
  return `<h2>${escape(caption)}</h2><table><thead><tr>${head.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function facts(pairs: Array<[string, unknown]>): string {
  return `<dl>${pairs.map(([k, v]) => `<div><dt>${escape(k)}</dt><dd>${escape(v === '' || v === null || v === undefined ? '—' : v)}</dd></div>`).join('')}</dl>`;
}

export function patientExportHtml(data: PatientExport): string {
  const tz = data.center.timeZone;
  const when = (value: string | null) => (value ? `${formatDate(new Date(value), tz)} ${formatTime(new Date(value), tz)}` : '');
  const p = data.patient;
  const account = data.webAccount;
  const yes = (b: boolean) => (b ? 'Sí' : 'No');
  return `<!doctype html>
<html lang="es-AR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Datos del paciente ${escape(p.lastName)} ${escape(p.firstName)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #0f172a; line-height: 1.4; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; border-bottom: 1px solid #94a3b8; }
dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .25rem 1rem; }
dt { font-weight: 600; } dd { margin: 0 0 .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #cbd5e1; padding: .25rem .4rem; text-align: left; vertical-align: top; }
.note { color: #334155; }
@media print { body { margin: 0; } .note { display: none; } }
</style>
</head>
<body>
<main>
<h1>Datos del paciente ${escape(p.lastName)} ${escape(p.firstName)} · DNI ${escape(p.dni)}</h1>
<p>${escape(data.center.name)} · Emitido el ${escape(when(data.exportedAt))} · ${escape(data.legalBasis)}</p>
<p class="note">Para imprimir use Imprimir de su navegador (Ctrl+P). La versión JSON contiene los mismos datos, para otros sistemas.</p>
<h2>Datos personales</h2>
${facts([
  ['Apellido', p.lastName],
  ['Nombre', p.firstName],
  ['DNI', p.dni],
  ['Fecha de nacimiento', p.birthDate ? p.birthDate.split('-').reverse().join('/') : ''],
  ['Teléfono', p.phone],
  ['Celular', p.mobile],
  ['E-mail', p.email],
  ['Domicilio', p.address],
  ['Obra social', p.insurer ?? 'PARTICULAR'],
  ['Número de afiliado', p.memberNumber],
  ['Acepta recordatorios', yes(p.remindersOptIn)],
  ['Observaciones', p.notes],
  ['Alta en el sistema', when(p.createdAt)],
  ['Última modificación', when(p.updatedAt)],
])}
<h2>Usuario web</h2>
${
  account
    ? facts([
        ['Estado', account.state],
        ['Registrado', when(account.createdAt)],
        ['IP del registro', account.createdIp],
        ['Activado', when(account.activatedAt)],
        ['Deshabilitado', yes(account.disabled)],
        ['Observación', account.disabledObservation],
        ['Último ingreso', when(account.lastLoginAt)],
        ['Enlaces enviados', account.links.length],
      ])
    : '<p>No tiene usuario web.</p>'
}
${table(
  'Turnos',
  ['Fecha', 'Hora', 'Profesional', 'Especialidad / estudio', 'Obra social', 'Estado', 'Tipo', 'Motivo', 'Dado', 'Cancelado', 'Borrado'],
  data.appointments.map((a) => [
    formatDate(new Date(a.startsAt), tz),
    formatTime(new Date(a.startsAt), tz),
    a.professional,
    a.specialty ?? a.study ?? '',
    a.insurer ?? '',
    statusLabels[a.status as keyof typeof statusLabels] ?? a.status,
    a.source === 'web' ? 'WEB' : 'Personal',
    a.reason,
    `${when(a.createdAt)} ${a.createdBy ?? ''}`.trim(),
    a.cancelledAt ? `${when(a.cancelledAt)} ${a.cancelledBy ?? ''}`.trim() : '',
    a.deletedAt ? `${when(a.deletedAt)} ${a.deletedBy ?? ''}`.trim() : '',
  ]),
  'No tiene turnos.',
)}
${table(
  'Mails y SMS enviados',
  ['Fecha', 'Medio', 'Tipo', 'Estado', 'Destinatario', 'Asunto', 'Resultado'],
  data.messages.map((m) => [
    when(m.createdAt),
    m.channel === 'sms' ? 'SMS' : 'Mail',
    KIND_LABELS[m.kind] ?? m.kind,
    MESSAGE_STATUS_LABELS[m.status] ?? m.status,
    m.recipient,
    m.subject,
    m.sentAt ? `Enviado ${when(m.sentAt)}` : (m.error ?? ''),
  ]),
  'No se le enviaron mensajes.',
)}
${table(
  'Registro de auditoría',
  ['Fecha', 'Quién', 'Acción', 'Registro'],
  data.audit.map((e) => [when(e.at), `${e.actorKind === 'patient' ? 'Paciente' : e.actorKind === 'staff' ? 'Personal' : 'Sistema'} ${e.actor}`.trim(), e.action, `${e.entity} ${e.entityId}`.trim()]),
  'Sin registros.',
)}
</main>
</body>
</html>
`;
}
