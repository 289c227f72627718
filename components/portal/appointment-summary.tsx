import type { AppointmentDetails } from '@/lib/booking/notify';
import { statusLabels } from '@/lib/appointments/status';
import { formatLongDate, formatTime } from '@/lib/time/format';

/** The turno's data, as on the confirmation and the printed reminder. */
export function AppointmentSummary({ details, timeZone, showStatus = false }: { details: AppointmentDetails; timeZone: string; showStatus?: boolean }) {
  const a = details.appointment;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <dt className="font-semibold">Paciente</dt>
      <dd>
        {details.patient.lastName} {details.patient.firstName} (DNI {details.patient.dni})
      </dd>
      <dt className="font-semibold">Fecha</dt>
      <dd>{formatLongDate(a.startsAt, timeZone)}</dd>
      <dt className="font-semibold">Hora</dt>
      <dd>{formatTime(a.startsAt, timeZone)} hs</dd>
      <dt className="font-semibold">Profesional</dt>
      <dd>
        {details.professional.lastName} {details.professional.firstName}
      </dd>
      {details.specialty && (
        <>
          <dt className="font-semibold">Especialidad</dt>
          <dd>{details.specialty.name}</dd>
        </>
      )}
      {details.study && (
        <>
          <dt className="font-semibold">Estudio</dt>
          <dd>{details.study.name}</dd>
        </>
      )}
      {details.insurer && (
        <>
          <dt className="font-semibold">Obra Social</dt>
          <dd>{details.insurer.name}</dd>
        </>
      )}
      {a.reason && (
        <>
          <dt className="font-semibold">Motivo</dt>
          <dd className="whitespace-pre-line">{a.reason}</dd>
        </>
      )}
      {showStatus && (
        <>
          <dt className="font-semibold">Estado</dt>
          <dd>{statusLabels[a.status]}</dd>
        </>
      )}
    </dl>
  );
}

/** The messages shown after confirming: the study's indication, the professional's and the insurer's. */
export function BookingMessages({ details }: { details: AppointmentDetails }) {
  const messages = [
    details.study?.indication && { title: `Indicación para ${details.study.name}`, text: details.study.indication },
    details.professional.bookingMessage && { title: 'Mensaje del profesional', text: details.professional.bookingMessage },
    details.insurer?.bookingMessage && { title: `Mensaje para pacientes de ${details.insurer.name}`, text: details.insurer.bookingMessage },
  ].filter(Boolean) as Array<{ title: string; text: string }>;
  if (messages.length === 0) return null;
  return (
    <ul className="space-y-2">
      {messages.map((m) => (
        <li key={m.title} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="font-semibold">{m.title}</p>
          <p className="whitespace-pre-line">{m.text}</p>
        </li>
      ))}
    </ul>
  );
}
