import type { AgendaResult } from './change';
import { displayDate, WEEKDAY_NAMES } from './weekdays';
import { isoWeekday } from '@/lib/availability/slots';

/** A turno the change would leave outside the agenda, as the decision screen lists it. */
export interface AffectedView {
  id: number;
  professional: string;
  /** "Lunes 30/11/2026" */
  date: string;
  time: string;
  patient: string;
  dni: string;
  phone: string;
  email: string;
}

/** What an agenda action answers when it did not refuse. */
export type AgendaOutcome =
  | { status: 'saved'; id: number; kept: number; cancelled: number }
  | { status: 'needs_decision'; affected: AffectedView[]; message: string };

export function toOutcome(result: Extract<AgendaResult, { ok: true }>): AgendaOutcome {
  if (result.status === 'saved') {
    const n = result.affected.length;
    return { status: 'saved', id: result.id, kept: result.decision === 'keep' ? n : 0, cancelled: result.decision === 'cancel' ? n : 0 };
  }
  return {
    status: 'needs_decision',
    message: result.message,
    affected: result.affected.map((a) => ({
      id: a.id,
      professional: a.professional,
      date: `${WEEKDAY_NAMES[isoWeekday(a.date)]} ${displayDate(a.date)}`,
      time: a.time,
      patient: a.patient,
      dni: a.dni,
      phone: a.phone,
      email: a.email,
    })),
  };
}

/** The sentence shown after saving, about the turnos the change left outside the agenda. */
export function savedSentence({ kept, cancelled }: { kept: number; cancelled: number }): string {
  if (cancelled > 0) {
    return cancelled === 1
      ? 'Se canceló 1 turno y se avisó al paciente por e-mail.'
      : `Se cancelaron ${cancelled} turnos y se avisó a los pacientes por e-mail.`;
  }
  if (kept > 0) {
    return kept === 1
      ? 'Se mantuvo 1 turno fuera de la agenda: aparece en la Pantalla de Turnos.'
      : `Se mantuvieron ${kept} turnos fuera de la agenda: aparecen en la Pantalla de Turnos.`;
  }
  return '';
}
