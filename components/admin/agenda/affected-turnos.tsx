'use client';

import { useEffect, useId, useRef } from 'react';
import { dangerButton, plainButton, primaryButton } from '@/components/admin/catalog/styles';
import type { PendingChoice } from './use-agenda-submit';

/**
 * The turnos a change would leave outside the agenda, and staff's choice. Nothing is written until
 * one of the two buttons is pressed; "Volver" goes back to the form as it was.
 */
export function AffectedTurnos({
  choice,
  pending,
  error,
  onKeep,
  onCancel,
  onBack,
}: {
  choice: PendingChoice;
  pending: boolean;
  error: string;
  onKeep: () => void;
  onCancel: () => void;
  onBack: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const n = choice.affected.length;
  const withoutEmail = choice.affected.filter((a) => !a.email).length;
  useEffect(() => heading.current?.focus(), [choice]);
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4">
      <h2 id={headingId} ref={heading} tabIndex={-1} className="text-lg font-bold text-amber-950">
        Turnos afectados ({n})
      </h2>
      {choice.message && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-semibold text-red-900">
          {choice.message}
        </p>
      )}
      <p>
        {n === 1 ? 'Este cambio deja 1 turno fuera de la agenda.' : `Este cambio deja ${n} turnos fuera de la agenda.`} Todavía no se guardó nada:
        elija qué hacer con {n === 1 ? 'él' : 'ellos'}.
      </p>
      <div className="overflow-x-auto rounded-lg bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Turnos que quedarían fuera de la agenda</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-3 py-2">Fecha</th>
              <th scope="col" className="px-3 py-2">Hora</th>
              <th scope="col" className="px-3 py-2">Profesional</th>
              <th scope="col" className="px-3 py-2">Paciente</th>
              <th scope="col" className="px-3 py-2">DNI</th>
              <th scope="col" className="px-3 py-2">Teléfono</th>
              <th scope="col" className="px-3 py-2">E-mail</th>
            </tr>
          </thead>
          <tbody>
            {choice.affected.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="px-3 py-2 whitespace-nowrap">{a.date}</td>
                <td className="px-3 py-2 font-semibold">{a.time}</td>
                <td className="px-3 py-2">{a.professional}</td>
                <th scope="row" className="px-3 py-2 font-normal">{a.patient}</th>
                <td className="px-3 py-2">{a.dni}</td>
                <td className="px-3 py-2">{a.phone || '—'}</td>
                <td className="px-3 py-2 break-all">{a.email || 'Sin e-mail'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {withoutEmail > 0 && (
        <p className="text-sm font-semibold text-amber-950">
          {withoutEmail === 1 ? '1 paciente no tiene e-mail' : `${withoutEmail} pacientes no tienen e-mail`}: si cancela, avísele por teléfono.
        </p>
      )}
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
        <li>
          <strong>Mantener los turnos</strong>: el cambio se guarda y los turnos siguen reservados; en la Pantalla de Turnos se ven fuera de la
          agenda.
        </li>
        <li>
          <strong>Cancelar los turnos y avisar a los pacientes</strong>: el cambio se guarda, cada turno queda Cancelado y el paciente recibe un
          e-mail.
        </li>
      </ul>
      <p aria-live="assertive" className="font-semibold text-red-800">
        {error}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onKeep} disabled={pending} className={primaryButton}>
          Mantener los turnos
        </button>
        <button type="button" onClick={onCancel} disabled={pending} className={dangerButton}>
          Cancelar los turnos y avisar a los pacientes
        </button>
        <button type="button" onClick={onBack} disabled={pending} className={plainButton}>
          Volver
        </button>
        {pending && (
          <span role="status" className="self-center font-semibold">
            Guardando…
          </span>
        )}
      </div>
    </section>
  );
}
