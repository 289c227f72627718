import { formatInTimeZone } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import {
  closedDays,
  generateSlots,
  type BusyInterval,
  type ClosedPeriod,
  type GenerateSlotsInput,
  type ScheduleRule,
} from '@/lib/availability/slots';

const BA = 'America/Argentina/Buenos_Aires';
const NY = 'America/New_York';

function rule(overrides: Partial<ScheduleRule> = {}): ScheduleRule {
  return {
    id: 1,
    professionalId: 1,
    weekday: 4, // Thursday
    startTime: '08:00:00',
    endTime: '09:00:00',
    slotMinutes: 20,
    validFrom: '2026-01-01',
    validTo: null,
    specialtyId: 10,
    studyId: null,
    ...overrides,
  };
}

function input(overrides: Partial<GenerateSlotsInput> = {}): GenerateSlotsInput {
  return {
    timeZone: BA,
    fromDate: '2026-11-09', // Monday
    toDate: '2026-11-15',
    rules: [rule()],
    closed: [],
    busy: [],
    notBefore: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  };
}

const times = (slots: { time: string }[]) => slots.map((s) => s.time);

describe('slot generation', () => {
  it('turns a weekly rule into slots in the center time zone, stored as UTC', () => {
    const slots = generateSlots(input());
    expect(times(slots)).toEqual(['08:00', '08:20', '08:40']);
    expect(slots[0].date).toBe('2026-11-12');
    expect(slots[0].startsAt.toISOString()).toBe('2026-11-12T11:00:00.000Z'); // UTC-3
    expect(slots[2].endsAt.toISOString()).toBe('2026-11-12T12:00:00.000Z');
    expect(slots.every((s) => s.free)).toBe(true);
  });

  it('drops a last slot that would run past the end of the block', () => {
    expect(times(generateSlots(input({ rules: [rule({ endTime: '08:50' })] })))).toEqual(['08:00', '08:20']);
  });

  it('marks a slot taken when any live appointment overlaps it, even partly', () => {
    const busy: BusyInterval[] = [
      { professionalId: 1, startsAt: new Date('2026-11-12T11:10:00Z'), endsAt: new Date('2026-11-12T11:30:00Z') },
      { professionalId: 2, startsAt: new Date('2026-11-12T11:40:00Z'), endsAt: new Date('2026-11-12T12:00:00Z') },
    ];
    const slots = generateSlots(input({ busy }));
    expect(slots.map((s) => s.free)).toEqual([false, false, true]);
  });

  it('handles a long overbooked appointment followed by short ones', () => {
    const busy: BusyInterval[] = [
      { professionalId: 1, startsAt: new Date('2026-11-12T10:00:00Z'), endsAt: new Date('2026-11-12T11:50:00Z') },
      { professionalId: 1, startsAt: new Date('2026-11-12T10:30:00Z'), endsAt: new Date('2026-11-12T10:40:00Z') },
    ];
    expect(generateSlots(input({ busy })).map((s) => s.free)).toEqual([false, false, false]);
  });

  it('closes a center-wide holiday and a professional absence, only for whom they apply', () => {
    const rules = [rule(), rule({ id: 2, professionalId: 2 })];
    const holiday: ClosedPeriod = { professionalId: null, startsOn: '2026-11-12', endsOn: '2026-11-12', startTime: null, endTime: null, reason: 'Feriado' };
    expect(generateSlots(input({ rules, closed: [holiday] }))).toEqual([]);
    const absence: ClosedPeriod = { ...holiday, professionalId: 2, reason: 'Congreso' };
    const slots = generateSlots(input({ rules, closed: [absence] }));
    expect(new Set(slots.map((s) => s.professionalId))).toEqual(new Set([1]));
    expect(closedDays('2026-11-09', '2026-11-15', 2, [absence])).toEqual([{ date: '2026-11-12', reason: 'Congreso' }]);
    expect(closedDays('2026-11-09', '2026-11-15', 1, [absence])).toEqual([]);
  });

  it('closes only the slots that overlap a part-day absence', () => {
    const closed: ClosedPeriod[] = [
      { professionalId: 1, startsOn: '2026-11-10', endsOn: '2026-11-13', startTime: '08:30', endTime: '08:45', reason: 'Reunión' },
    ];
    expect(times(generateSlots(input({ closed })))).toEqual(['08:00']);
  });

  it('follows a schedule that changes in the middle of the week', () => {
    const rules = [
      rule({ id: 1, weekday: 2, validTo: '2026-11-10' }), // old rule: Tuesdays until the 10th
      rule({ id: 2, weekday: 2, validFrom: '2026-11-11', startTime: '14:00', endTime: '15:00', slotMinutes: 30 }),
      rule({ id: 3, weekday: 4, validFrom: '2026-11-11', startTime: '14:00', endTime: '15:00', slotMinutes: 30 }),
    ];
    const slots = generateSlots(input({ rules, toDate: '2026-11-19' }));
    expect(slots.map((s) => `${s.date} ${s.time}`)).toEqual([
      '2026-11-10 08:00',
      '2026-11-10 08:20',
      '2026-11-10 08:40',
      '2026-11-12 14:00',
      '2026-11-12 14:30',
      '2026-11-17 14:00',
      '2026-11-17 14:30',
      '2026-11-19 14:00',
      '2026-11-19 14:30',
    ]);
  });

  it('offers nothing that starts before the minimum notice, even a slot already under way', () => {
    const notBefore = new Date('2026-11-12T11:25:00Z'); // 08:25 local
    expect(times(generateSlots(input({ notBefore })))).toEqual(['08:40']);
  });

  it("offers nothing beyond each professional's max days ahead", () => {
    const rules = [rule({ weekday: 1 }), rule({ id: 2, professionalId: 2, weekday: 1 })];
    const lastDateByProfessional = new Map([[1, '2026-11-09'], [2, '2026-11-08']]);
    const slots = generateSlots(input({ rules, lastDateByProfessional }));
    expect(new Set(slots.map((s) => s.professionalId))).toEqual(new Set([1]));
  });

  it('filters by the specialty or study a block serves; a block serving nothing in particular serves all', () => {
    const rules = [
      rule({ id: 1, specialtyId: 10 }),
      rule({ id: 2, professionalId: 2, specialtyId: 20 }),
      rule({ id: 3, professionalId: 3, specialtyId: null }),
    ];
    const slots = generateSlots(input({ rules, specialtyId: 10 }));
    expect(new Set(slots.map((s) => s.professionalId))).toEqual(new Set([1, 3]));
  });

  it('never lets overlapping rules produce overlapping slots', () => {
    const rules = [rule({ id: 1 }), rule({ id: 2, startTime: '08:10', endTime: '09:10', slotMinutes: 30 })];
    const slots = generateSlots(input({ rules }));
    for (let i = 1; i < slots.length; i++) expect(slots[i].startsAt >= slots[i - 1].endsAt).toBe(true);
  });

  it('skips wall times that do not exist when daylight saving starts (New York, 8 March 2026)', () => {
    const rules = [rule({ weekday: 7, startTime: '01:00', endTime: '04:00', slotMinutes: 30 })];
    const slots = generateSlots(input({ timeZone: NY, fromDate: '2026-03-08', toDate: '2026-03-08', rules, notBefore: new Date(0) }));
    expect(times(slots)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(slots[1].endsAt.toISOString()).toBe('2026-03-08T07:00:00.000Z'); // 01:30 EST + 30 min = 03:00 EDT
    expect(slots[2].startsAt.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    for (const s of slots) expect(formatInTimeZone(s.startsAt, NY, 'HH:mm')).toBe(s.time);
  });

  it('keeps slots one slot-length apart when daylight saving ends (New York, 1 November 2026)', () => {
    const rules = [rule({ weekday: 7, startTime: '00:00', endTime: '03:00', slotMinutes: 60 })];
    const slots = generateSlots(input({ timeZone: NY, fromDate: '2026-11-01', toDate: '2026-11-01', rules }));
    expect(times(slots)).toEqual(['00:00', '01:00', '02:00']);
    for (let i = 1; i < slots.length; i++) expect(slots[i].startsAt >= slots[i - 1].endsAt).toBe(true);
    for (const s of slots) expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(3_600_000);
  });
});

// Properties over random agendas and daylight-saving weeks: tests/unit/slots-properties.test.ts.
