import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  datesBetween,
  generateSlots,
  isoWeekday,
  minutesOf,
  type BusyTimes,
  type GenerateSlotsInput,
  type ScheduleRule,
  type Slot,
} from '@/lib/availability/slots';

/**
 * Properties of slot generation, checked against an independent oracle built from date-fns-tz
 * (not from the generator's own clock). Zones with daylight saving on purpose: Argentina has none
 * today, but the center's zone is a setting.
 *
 * What a daylight-saving change does, deliberately:
 * - spring forward: wall times that do not exist (02:00-02:59 in Madrid, 00:00-00:59 in Santiago)
 *   offer no slot; a slot that straddles the gap lasts its real length, so it ends on the far side
 *   of the gap, never after the block's end; a wall slot that would start before that slot has
 *   ended is not offered (03:00 after a 45-minute 01:30 that runs to 03:15): one agenda's slots
 *   never overlap;
 * - fall back: the repeated wall hour is offered once, at its first occurrence; the second
 *   occurrence of those wall times offers nothing (a slot per wall time, never two at "01:30").
 */

const BA = 'America/Argentina/Buenos_Aires';
const DST_ZONES = ['America/Santiago', 'America/Asuncion', 'Europe/Madrid'] as const;
const ZONES = [BA, ...DST_ZONES, 'UTC'] as const;
const MINUTE = 60_000;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Every instant in 2023-2026 where the zone's offset changes, as the local date just before it. */
function transitionDates(timeZone: string): string[] {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offsetName = (t: number) => name.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')!.value;
  const out: string[] = [];
  let prev = offsetName(Date.UTC(2023, 0, 1));
  for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
    const now = offsetName(t);
    if (now !== prev) out.push(formatInTimeZone(new Date(t - 3_600_000), timeZone, 'yyyy-MM-dd'));
    prev = now;
  }
  return out;
}

const TRANSITIONS = Object.fromEntries(DST_ZONES.map((z) => [z, transitionDates(z)])) as Record<string, string[]>;

/**
 * The instant of a wall time, or null when that wall time does not exist (spring forward); of a
 * wall time that happens twice (fall back), the first occurrence.
 */
function wallInstant(date: string, minute: number, timeZone: string): Date | null {
  const wall = `${date}T${hhmm(minute)}`;
  const reads = (t: number) => formatInTimeZone(new Date(t), timeZone, "yyyy-MM-dd'T'HH:mm") === wall;
  const instant = fromZonedTime(`${wall}:00`, timeZone).getTime();
  if (!reads(instant)) return null;
  return new Date(reads(instant - 3_600_000) ? instant - 3_600_000 : instant);
}

/** The first instant whose wall time is at or after `minute` of `date` (the gap's far side if needed). */
function wallBound(date: string, minute: number, timeZone: string): number {
  for (let m = minute; m < minute + 180; m++) {
    const i = m < 24 * 60 ? wallInstant(date, m, timeZone) : wallInstant(addDaysToDate(date, 1), m - 24 * 60, timeZone);
    if (i) return i.getTime();
  }
  throw new Error(`no wall time after ${date} ${hhmm(minute)} in ${timeZone}`);
}

/** Was this instant's wall time already shown earlier (the second pass of a repeated hour)? */
function isRepeatedWallTime(instant: Date, timeZone: string): boolean {
  const here = formatInTimeZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm");
  return formatInTimeZone(new Date(instant.getTime() - 3_600_000), timeZone, "yyyy-MM-dd'T'HH:mm") >= here;
}

type Agenda = Required<Pick<GenerateSlotsInput, 'timeZone' | 'fromDate' | 'toDate' | 'rules' | 'closed' | 'busy' | 'notBefore' | 'lastDateByProfessional'>>;

const PROS = [1, 2, 3];

/**
 * A random agenda: rules (hours, slot length, weekday, validity), holidays and absences (whole
 * or part days), live appointments including long sobreturnos, a minimum-notice instant and each
 * professional's last bookable date. `overlapping` allows several rules per professional.
 */
function arbAgenda(overlapping: boolean) {
  const day = fc.integer({ min: 0, max: 8 });
  const arbRule = fc.record({
    professionalId: fc.constantFrom(...PROS),
    // undefined: the weekday of the week's daylight-saving change (when it has one).
    weekday: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    // Biased towards the small hours and late evening, where the zones above change their clocks.
    start: fc.oneof(fc.integer({ min: 0, max: 23 * 60 }), fc.constantFrom(0, 30, 60, 90, 120, 150, 1320, 1380, 1410)),
    length: fc.oneof(fc.integer({ min: 5, max: 600 }), fc.constantFrom(30, 60, 90, 120, 150, 180)),
    slotMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60, 90),
    validFrom: fc.option(day, { nil: undefined }),
    validTo: fc.option(day, { nil: undefined }),
    specialtyId: fc.constantFrom(10, 20, null),
  });
  const arbClosure = fc.record({
    professionalId: fc.constantFrom(null, ...PROS),
    from: day,
    days: fc.integer({ min: 0, max: 2 }),
    part: fc.option(fc.record({ start: fc.integer({ min: 0, max: 23 * 60 }), length: fc.integer({ min: 1, max: 240 }) }), { nil: undefined }),
  });
  const arbBusy = fc.record({
    professionalId: fc.constantFrom(...PROS),
    start: fc.integer({ min: -24 * 60, max: 9 * 24 * 60 }),
    minutes: fc.integer({ min: 5, max: 300 }),
  });
  const zoneAndWeek = fc.oneof(
    // A week around a real daylight-saving change of a zone that has one...
    fc.constantFrom(...DST_ZONES).chain((timeZone) =>
      fc.record({
        timeZone: fc.constant<string>(timeZone),
        change: fc.constantFrom(...TRANSITIONS[timeZone]),
        shift: fc.integer({ min: -6, max: 0 }),
      }).map(({ timeZone, change, shift }) => ({ timeZone, fromDate: addDaysToDate(change, shift), changeWeekday: isoWeekday(change) })),
    ),
    // ...or any week, in any of the zones.
    fc.record({
      timeZone: fc.constantFrom<string>(...ZONES),
      fromDate: fc.integer({ min: 0, max: 3 * 365 }).map((k) => addDaysToDate('2024-01-01', k)),
      changeWeekday: fc.integer({ min: 1, max: 7 }),
    }),
  );
  return fc
    .record({
      zw: zoneAndWeek,
      rules: overlapping
        ? fc.array(arbRule, { minLength: 1, maxLength: 6 })
        : fc.uniqueArray(arbRule, { minLength: 1, maxLength: 3, selector: (r) => r.professionalId }),
      closures: fc.array(arbClosure, { maxLength: 4 }),
      busy: fc.array(arbBusy, { maxLength: 12 }),
      notBefore: fc.integer({ min: -2 * 24 * 60, max: 4 * 24 * 60 }),
      lastDays: fc.array(fc.option(fc.integer({ min: -1, max: 8 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    })
    .map(({ zw: { timeZone, fromDate, changeWeekday }, rules, closures, busy, notBefore, lastDays }): Agenda => {
      const d = (k: number) => addDaysToDate(fromDate, k);
      const base = fromZonedTime(`${fromDate}T00:00:00`, timeZone).getTime();
      return {
        timeZone,
        fromDate,
        toDate: d(6),
        rules: rules.map((r, i) => {
          const endMinute = Math.min(r.start + r.length, 24 * 60 - 1);
          return {
            id: i + 1,
            professionalId: r.professionalId,
            weekday: r.weekday ?? changeWeekday,
            startTime: `${hhmm(r.start)}:00`,
            endTime: `${hhmm(endMinute)}:00`,
            slotMinutes: r.slotMinutes,
            validFrom: r.validFrom === undefined ? '2020-01-01' : d(r.validFrom),
            validTo: r.validTo === undefined ? null : d(r.validTo),
            specialtyId: r.specialtyId,
            studyId: null,
          };
        }),
        closed: closures.map((c) => ({
          professionalId: c.professionalId,
          startsOn: d(c.from),
          endsOn: d(c.from + c.days),
          startTime: c.part ? hhmm(c.part.start) : null,
          endTime: c.part ? hhmm(Math.min(c.part.start + c.part.length, 24 * 60 - 1)) : null,
          reason: c.part ? 'Reunión' : 'Feriado',
        })),
        busy: busy.map((b) => ({
          professionalId: b.professionalId,
          startsAt: new Date(base + b.start * MINUTE),
          endsAt: new Date(base + (b.start + b.minutes) * MINUTE),
        })),
        notBefore: new Date(base + notBefore * MINUTE),
        lastDateByProfessional: new Map(
          lastDays.flatMap((k, i) => (k === undefined ? [] : [[PROS[i], d(k)] as [number, string]])),
        ),
      };
    });
}

const generate = (a: Agenda) => generateSlots({ ...a });

const closuresOn = (a: Agenda, professionalId: number, date: string) =>
  a.closed.filter((c) => (c.professionalId === null || c.professionalId === professionalId) && c.startsOn <= date && c.endsOn >= date);

/** The oracle: the slots one rule should offer, from first principles, before busy marking. */
function expectedSlots(a: Agenda, rule: ScheduleRule): Array<{ date: string; time: string; startsAt: number; endsAt: number }> {
  const out: Array<{ date: string; time: string; startsAt: number; endsAt: number }> = [];
  let lastEnd = -Infinity;
  for (const date of datesBetween(a.fromDate, a.toDate)) {
    if (isoWeekday(date) !== rule.weekday || date < rule.validFrom || (rule.validTo !== null && date > rule.validTo)) continue;
    const last = a.lastDateByProfessional.get(rule.professionalId);
    if (last !== undefined && date > last) continue;
    const closures = closuresOn(a, rule.professionalId, date);
    if (closures.some((c) => c.startTime === null)) continue;
    const start = minutesOf(rule.startTime);
    const end = minutesOf(rule.endTime);
    const endBound = wallBound(date, end, a.timeZone);
    for (let m = start; m + rule.slotMinutes <= end; m += rule.slotMinutes) {
      const instant = wallInstant(date, m, a.timeZone);
      if (!instant || instant < a.notBefore) continue;
      const endsAt = instant.getTime() + rule.slotMinutes * MINUTE;
      if (endsAt > endBound) continue;
      if (closures.some((c) => minutesOf(c.startTime!) < m + rule.slotMinutes && minutesOf(c.endTime!) > m)) continue;
      if (instant.getTime() < lastEnd) continue; // the slot before straddled a skipped hour and is still running
      lastEnd = endsAt;
      out.push({ date, time: hhmm(m), startsAt: instant.getTime(), endsAt });
    }
  }
  return out;
}

function checkSafety(a: Agenda, slots: Slot[]) {
  for (const pro of PROS) {
    const mine = slots.filter((s) => s.professionalId === pro);
    for (let i = 1; i < mine.length; i++) expect(mine[i].startsAt >= mine[i - 1].endsAt, 'overlapping free slots').toBe(true);
  }
  for (const s of slots) {
    const rule = a.rules.find((r) => r.id === s.scheduleId)!;
    expect(rule.professionalId).toBe(s.professionalId);
    // At the wall-clock time it claims, on the rule's weekday, inside the rule's validity and hours.
    expect(formatInTimeZone(s.startsAt, a.timeZone, 'yyyy-MM-dd HH:mm')).toBe(`${s.date} ${s.time}`);
    expect(isoWeekday(s.date)).toBe(rule.weekday);
    expect(s.date >= a.fromDate && s.date <= a.toDate).toBe(true);
    expect(s.date >= rule.validFrom && (rule.validTo === null || s.date <= rule.validTo)).toBe(true);
    expect(minutesOf(s.time)).toBeGreaterThanOrEqual(minutesOf(rule.startTime));
    expect(s.endsAt.getTime()).toBeLessThanOrEqual(wallBound(s.date, minutesOf(rule.endTime), a.timeZone));
    expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(rule.slotMinutes * MINUTE);
    expect(isRepeatedWallTime(s.startsAt, a.timeZone), 'a second pass of a repeated hour').toBe(false);
    // Never too soon, never beyond the window, never on a holiday or an absence.
    expect(s.startsAt >= a.notBefore).toBe(true);
    const last = a.lastDateByProfessional.get(s.professionalId);
    if (last !== undefined) expect(s.date <= last).toBe(true);
    for (const c of closuresOn(a, s.professionalId, s.date)) {
      if (c.startTime === null) throw new Error(`slot ${s.date} ${s.time} on a closed day (${c.reason})`);
      const m = minutesOf(s.time);
      expect(minutesOf(c.startTime) >= m + rule.slotMinutes || minutesOf(c.endTime!) <= m, 'inside a part-day absence').toBe(true);
    }
    // Free exactly when no live appointment (sobreturnos included) overlaps it.
    const taken = a.busy.some((b) => b.professionalId === s.professionalId && b.startsAt < s.endsAt && b.endsAt > s.startsAt);
    expect(s.free).toBe(!taken);
  }
}

describe('slot generation, properties', () => {
  it('never offers overlapping, closed, too-soon, out-of-hours or wrongly-marked slots (overlapping rules, DST weeks)', () => {
    fc.assert(
      fc.property(arbAgenda(true), (a) => checkSafety(a, generate(a))),
      { numRuns: 250 },
    );
  });

  it('offers exactly what the agenda says: no slot lost or doubled, across daylight-saving changes too', () => {
    fc.assert(
      fc.property(arbAgenda(false), (a) => {
        const slots = generate(a);
        checkSafety(a, slots);
        const key = (pro: number, s: { date: string; time: string; startsAt: number | Date }) =>
          `${pro} ${s.date} ${s.time} ${new Date(s.startsAt).toISOString()}`;
        const got = slots.map((s) => key(s.professionalId, s)).sort();
        const want = a.rules.flatMap((r) => expectedSlots(a, r).map((s) => key(r.professionalId, s))).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 250 },
    );
  });

  it('filters by specialty without inventing slots: the filtered set is the matching rules’ share of the unfiltered one', () => {
    fc.assert(
      fc.property(arbAgenda(false), fc.constantFrom(10, 20), (a, specialtyId) => {
        const all = generate(a);
        const some = generateSlots({ ...a, specialtyId });
        const serves = (s: Slot) => s.specialtyId === null || s.specialtyId === specialtyId;
        expect(some.map((s) => `${s.scheduleId} ${s.startsAt.toISOString()}`)).toEqual(
          all.filter(serves).map((s) => `${s.scheduleId} ${s.startsAt.toISOString()}`),
        );
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * The same agenda with its turnos as the agenda read hands them over (BusyTimes: per professional,
 * epoch ms, in the order the database returned them): some left as Date intervals, the rest moved
 * to busyTimes, each professional's in a shuffled order, some professionals split in two lists.
 */
function withBusyTimes(a: Agenda, asTimes: boolean[], order: number[]): Agenda & { busyTimes: BusyTimes[] } {
  const moved = a.busy.filter((_, i) => asTimes[i % asTimes.length]);
  const shuffled = moved.map((b, i) => ({ b, k: order[i % order.length] + i / 1000 })).sort((x, y) => x.k - y.k).map((x) => x.b);
  const busyTimes: BusyTimes[] = [];
  for (const [n, b] of shuffled.entries()) {
    // Every third turno opens a new list for its professional: the generator must merge them.
    let list = n % 3 === 2 ? undefined : busyTimes.findLast((t) => t.professionalId === b.professionalId);
    if (!list) busyTimes.push((list = { professionalId: b.professionalId, starts: [], ends: [] }));
    list.starts.push(b.startsAt.getTime());
    list.ends.push(b.endsAt.getTime());
  }
  return { ...a, busy: a.busy.filter((_, i) => !asTimes[i % asTimes.length]), busyTimes };
}

describe('slot generation, turnos as epoch milliseconds (what the agenda read returns)', () => {
  it('marks exactly the same slots taken as with Date intervals, whatever their order or split', () => {
    fc.assert(
      fc.property(
        arbAgenda(true),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        (a, asTimes, order) => {
          const times = withBusyTimes(a, asTimes, order);
          const slots = generateSlots(times);
          expect(slots).toEqual(generate(a));
          checkSafety(a, slots);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('reads a turno that ends exactly when a slot starts as not overlapping it, in both forms', () => {
    const rule: ScheduleRule = { id: 1, professionalId: 1, weekday: isoWeekday('2026-12-07'), startTime: '08:00', endTime: '09:00', slotMinutes: 20, validFrom: '2026-01-01', validTo: null, specialtyId: null, studyId: null };
    const at = (hm: string) => fromZonedTime(`2026-12-07T${hm}:00`, BA).getTime();
    const input = { timeZone: BA, fromDate: '2026-12-07', toDate: '2026-12-07', rules: [rule], closed: [], busy: [], notBefore: new Date(0) };
    const free = (busyTimes: BusyTimes[]) => generateSlots({ ...input, busyTimes }).map((s) => `${s.time} ${s.free ? 'libre' : 'ocupado'}`);
    expect(free([{ professionalId: 1, starts: [at('08:00') - 60_000], ends: [at('08:20')] }])).toEqual(['08:00 ocupado', '08:20 libre', '08:40 libre']);
    expect(free([{ professionalId: 1, starts: [at('08:40'), at('08:19')], ends: [at('08:45'), at('08:20') + 1] }])).toEqual(['08:00 ocupado', '08:20 ocupado', '08:40 ocupado']);
    expect(free([{ professionalId: 2, starts: [at('08:00')], ends: [at('09:00')] }])).toEqual(['08:00 libre', '08:20 libre', '08:40 libre']);
  });
});

describe('slot generation across real daylight-saving changes', () => {
  const allDay = (weekday: number, slotMinutes: number, startTime = '00:00', endTime = '23:59'): ScheduleRule => ({
    id: 1,
    professionalId: 1,
    weekday,
    startTime,
    endTime,
    slotMinutes,
    validFrom: '2020-01-01',
    validTo: null,
    specialtyId: null,
    studyId: null,
  });
  const day = (timeZone: string, date: string, rule: ScheduleRule) =>
    generateSlots({ timeZone, fromDate: date, toDate: date, rules: [rule], closed: [], busy: [], notBefore: new Date(0) });

  it('Madrid, spring forward (29/03/2026): 02:00-02:59 does not exist and offers nothing; 01:30 runs to 03:00', () => {
    const slots = day('Europe/Madrid', '2026-03-29', allDay(7, 30, '01:00', '04:00'));
    expect(slots.map((s) => s.time)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(slots[1].endsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(slots[2].startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('Madrid, spring forward with 45-minute slots: 01:30 runs to 03:15, so 03:00 is not offered and 03:45 is', () => {
    const slots = day('Europe/Madrid', '2023-03-26', allDay(7, 45, '00:00', '04:30'));
    expect(slots.map((s) => `${s.time} ${s.startsAt.toISOString().slice(11, 16)}-${s.endsAt.toISOString().slice(11, 16)}Z`)).toEqual([
      '00:00 23:00-23:45Z',
      '00:45 23:45-00:30Z',
      '01:30 00:30-01:15Z',
      '03:45 01:45-02:30Z',
    ]);
  });

  it('Madrid, spring forward: a block ending inside the missing hour ends where the hour ends (03:00)', () => {
    // 01:00 + 90 real minutes = 03:30 CEST, past the block's 02:30, whose first real wall time is 03:00.
    expect(day('Europe/Madrid', '2026-03-29', allDay(7, 90, '01:00', '02:30'))).toEqual([]);
    expect(day('Europe/Madrid', '2026-03-29', allDay(7, 60, '01:00', '02:30')).map((s) => s.time)).toEqual(['01:00']);
  });

  it('Madrid, fall back (25/10/2026): the repeated 02:00-02:59 is offered once, at its first occurrence', () => {
    const slots = day('Europe/Madrid', '2026-10-25', allDay(7, 30, '01:00', '04:00'));
    expect(slots.map((s) => s.time)).toEqual(['01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
    expect(slots[2].startsAt.toISOString()).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST
    expect(slots[4].startsAt.toISOString()).toBe('2026-10-25T02:00:00.000Z'); // 03:00 CET
  });

  it('Santiago, spring forward at midnight (06/09/2026): the day starts at 01:00, nothing is put on Saturday night', () => {
    const slots = day('America/Santiago', '2026-09-06', allDay(7, 60, '00:00', '03:00'));
    expect(slots.map((s) => s.time)).toEqual(['01:00', '02:00']);
    for (const s of slots) expect(formatInTimeZone(s.startsAt, 'America/Santiago', 'yyyy-MM-dd HH:mm')).toBe(`2026-09-06 ${s.time}`);
  });

  it('Santiago, fall back at midnight (04/04/2026): Saturday 23:00-23:59 happens twice and is offered once', () => {
    const slots = day('America/Santiago', '2026-04-04', allDay(6, 30, '22:00', '23:59'));
    expect(slots.map((s) => s.time)).toEqual(['22:00', '22:30', '23:00']);
    expect(slots[2].startsAt.toISOString()).toBe('2026-04-05T02:00:00.000Z'); // 23:00 -03, the first one
  });

  it('Asunción, spring forward at midnight (06/10/2024): a full-day agenda loses exactly the missing hour', () => {
    const before = day('America/Asuncion', '2024-09-29', allDay(7, 15));
    const change = day('America/Asuncion', '2024-10-06', allDay(7, 15));
    expect(before).toHaveLength(95); // 00:00 .. 23:30 (the 23:45 slot would end at 24:00 > 23:59)
    expect(change).toHaveLength(before.length - 4);
    expect(change[0].time).toBe('01:00');
  });
});
