import { describe, expect, it } from 'vitest';
import { coveredBySlots, overlapsClosure, strandedBy, type AffectedAppointment } from '@/lib/agenda/stranded';
import type { Slot } from '@/lib/availability/slots';

const t = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00Z`);
const slot = (from: string, to: string): Slot => ({
  professionalId: 1,
  scheduleId: 1,
  specialtyId: null,
  studyId: null,
  startsAt: t(from),
  endsAt: t(to),
  date: '2026-11-25',
  time: from,
  free: true,
});
const turno = (from: string, to: string, professionalId = 1): AffectedAppointment => ({
  id: Number(from.replace(':', '')),
  professionalId,
  professional: 'X',
  startsAt: t(from),
  endsAt: t(to),
  date: '2026-11-25',
  time: from,
  patient: 'P',
  dni: '1',
  phone: '',
  email: '',
});

describe('a turno inside the agenda', () => {
  const slots = [slot('08:00', '08:20'), slot('08:20', '08:40'), slot('09:00', '09:20')];

  it('is wholly covered by one slot or by contiguous ones, whatever their length', () => {
    expect(coveredBySlots(t('08:00'), t('08:20'), slots)).toBe(true);
    expect(coveredBySlots(t('08:10'), t('08:40'), slots)).toBe(true); // across two slots
    expect(coveredBySlots(t('08:30'), t('08:50'), slots)).toBe(false); // runs into a gap
    expect(coveredBySlots(t('08:40'), t('09:00'), slots)).toBe(false); // in the gap
    expect(coveredBySlots(t('09:00'), t('09:20'), slots)).toBe(true);
    expect(coveredBySlots(t('09:10'), t('09:30'), slots)).toBe(false); // past the end
    expect(coveredBySlots(t('09:00'), t('09:20'), [])).toBe(false);
  });

  it('falls in a closed period when its hours meet it, on one of its days, for its professional or the center', () => {
    const a = turno('10:00', '10:20');
    const closed = { professionalId: null, startsOn: '2026-11-25', endsOn: '2026-11-25', startTime: null, endTime: null, reason: '' };
    expect(overlapsClosure(a, closed)).toBe(true);
    expect(overlapsClosure(a, { ...closed, startsOn: '2026-11-26', endsOn: '2026-11-27' })).toBe(false);
    expect(overlapsClosure(a, { ...closed, professionalId: 2 })).toBe(false);
    expect(overlapsClosure(a, { ...closed, startTime: '10:20', endTime: '11:00' })).toBe(false); // back to back
    expect(overlapsClosure(a, { ...closed, startTime: '10:10', endTime: '11:00' })).toBe(true);
    expect(overlapsClosure(a, undefined)).toBe(false);
  });

  it('is stranded only if the change took its slot away, or closed its day', () => {
    const before = new Map([[1, [slot('08:00', '08:20'), slot('08:20', '08:40')]]]);
    const after = new Map([[1, [slot('08:00', '08:20')]]]);
    const kept = turno('08:00', '08:20');
    const lost = turno('08:20', '08:40');
    const sobreturno = turno('12:00', '12:20'); // outside before and after
    expect(strandedBy([kept, lost, sobreturno], before, after, undefined).map((a) => a.time)).toEqual(['08:20']);
    const holiday = { professionalId: null, startsOn: '2026-11-25', endsOn: '2026-11-25', startTime: null, endTime: null, reason: '' };
    expect(strandedBy([kept, lost, sobreturno], before, new Map(), holiday).map((a) => a.time)).toEqual(['08:00', '08:20', '12:00']);
  });
});
