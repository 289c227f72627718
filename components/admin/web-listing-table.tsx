import { WebListingActions } from '@/components/admin/web-listing-actions';
import { staffCancelAppointment, staffDeleteAppointment } from '@/lib/appointments/staff-actions';
import { statusLabels } from '@/lib/appointments/status';
import type { WebListingRow } from '@/lib/appointments/web-listing';
import { cancelledByLabel } from '@/lib/appointments/web-listing-labels';
import { formatDni } from '@/lib/patients/schemas';
import { formatDate, formatTime } from '@/lib/time/format';

const statusTone: Record<WebListingRow['status'], string> = {
  reserved: 'bg-blue-50 text-blue-900',
  present: 'bg-green-50 text-green-900',
  absent: 'bg-amber-50 text-amber-900',
  cancelled: 'bg-slate-200 text-slate-800',
};

/**
 * One page of web turnos. On a phone the table keeps its columns and scrolls sideways inside its
 * own focusable region (a keyboard user can scroll it too); the page itself never does. The region
 * is `relative` so the buttons' sr-only texts (absolutely positioned) are clipped with it instead
 * of widening the whole page.
 */
export function WebListingTable({ rows, caption, timeZone, now }: { rows: WebListingRow[]; caption: string; timeZone: string; now: Date }) {
  const cell = 'px-3 py-2 align-top';
  return (
    <div role="region" aria-labelledby="listado-caption" tabIndex={0} className="relative overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full min-w-[72rem] text-left text-sm">
        <caption id="listado-caption" className="px-3 py-2 text-left font-semibold text-brand-800">
          {caption}
        </caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-50">
            <th scope="col" className={cell}>FECHA DE OTORGAMIENTO</th>
            <th scope="col" className={cell}>FECHA DEL TURNO</th>
            <th scope="col" className={cell}>PACIENTE</th>
            <th scope="col" className={cell}>PROFESIONAL</th>
            <th scope="col" className={cell}>ESPECIALIDAD</th>
            <th scope="col" className={cell}>OBRA SOCIAL</th>
            <th scope="col" className={cell}>ESTADO</th>
            <th scope="col" className={cell}>ACCIONES</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const when = `${formatDate(row.startsAt, timeZone)} ${formatTime(row.startsAt, timeZone)}`;
            const cancelled = row.status === 'cancelled';
            return (
              <tr key={row.id} className="border-t border-slate-100">
                <td className={cell}>
                  {formatDate(row.bookedAt, timeZone)} <span className="whitespace-nowrap">{formatTime(row.bookedAt, timeZone)}</span>
                </td>
                <td className={`${cell} font-semibold whitespace-nowrap`}>{when}</td>
                <th scope="row" className={`${cell} font-normal`}>
                  <span className={cancelled ? 'font-semibold line-through' : 'font-semibold'}>{row.patient}</span>
                  <span className="block text-xs text-slate-600">DNI {formatDni(row.dni)}</span>
                  {row.reason && <span className="block text-xs text-slate-600">Motivo: {row.reason}</span>}
                </th>
                <td className={cell}>{row.professional}</td>
                <td className={cell}>{row.specialty ?? row.study ?? '—'}</td>
                <td className={cell}>{row.insurer ?? '—'}</td>
                <td className={cell}>
                  <span className={`inline-block rounded px-2 py-0.5 font-semibold ${statusTone[row.status]}`}>{statusLabels[row.status]}</span>
                  {row.cancelledAt && (
                    <span className="block text-xs text-slate-600">
                      el {formatDate(row.cancelledAt, timeZone)} {formatTime(row.cancelledAt, timeZone)}
                      {cancelledByLabel(row) && ` · ${cancelledByLabel(row)}`}
                    </span>
                  )}
                </td>
                <td className={cell}>
                  <WebListingActions
                    appointmentId={row.id}
                    label={`${row.patient}, ${when}`}
                    canCancel={row.status === 'reserved' && row.startsAt > now}
                    cancel={staffCancelAppointment}
                    remove={staffDeleteAppointment}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
