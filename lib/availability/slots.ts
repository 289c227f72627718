import { fromZonedTime } from 'date-fns-tz';
import { zoneOffset } from '../time/zone-offset';

/**
 * Slot generation: pure, in the center's time zone. Nothing here touches the database, so the
 * portal, the staff screen and the booking re-check all share exactly this code.
 */

/** A weekly rule of an agenda (db `schedules`). Times 'HH:mm' or 'HH:mm:ss', dates 'yyyy-MM-dd'. */
export interface ScheduleRule {
  id: number;
  professionalId: number;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  validFrom: string;
  validTo: string | null;
  specialtyId: number | null;
  studyId: number | null;
}

/** A holiday (professionalId null) or an absence; no times = whole days. */
export interface ClosedPeriod {
  professionalId: number | null;
  startsOn: string;
  endsOn: string;
  startTime: string | null;
  endTime: string | null;
  reason: string;
}

export interface BusyInterval {
  professionalId: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * One professional's live turnos as epoch milliseconds, turno i being [starts[i], ends[i]), in any
 * order: what the agenda read returns (lib/availability/queries.ts), without a Date per turno.
 */
export interface BusyTimes {
  professionalId: number;
  starts: number[];
  ends: number[];
}

export interface Slot {
  professionalId: number;
  scheduleId: number;
  specialtyId: number | null;
  studyId: number | null;
  startsAt: Date;
  endsAt: Date;
  /** Local date and time in the center's zone: 'yyyy-MM-dd', 'HH:mm'. */
  date: string;
  time: string;
  free: boolean;
}

export interface GenerateSlotsInput {
  timeZone: string;
  /** Local dates to cover, inclusive ('yyyy-MM-dd'). */
  fromDate: string;
  toDate: string;
  rules: ScheduleRule[];
  closed: ClosedPeriod[];
  busy: BusyInterval[];
  /** More live turnos, per professional as epoch ms (counted together with `busy`). */
  busyTimes?: BusyTimes[];
  /** Nothing that starts before this instant is offered (now + minimum notice). */
  notBefore: Date;
  /** Per professional, the last local date offered (today + max days ahead). */
  lastDateByProfessional?: Map<number, string>;
  /** Only rules serving this specialty / study (or serving anything). */
  specialtyId?: number | null;
  studyId?: number | null;
}

const MINUTE = 60_000;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 'HH:mm' of each minute of a day, made once: every slot of every week names its time. */
const HHMM: string[] = Array.from({ length: 24 * 60 }, (_, m) => hhmm(m));
const hhmmOf = (minutes: number) => HHMM[minutes] ?? hhmm(minutes);

/** Local dates from..to inclusive. Calendar arithmetic in UTC, so no zone can skip a day. */
export function datesBetween(fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${toDate}T00:00:00Z`);
  for (let t = Date.parse(`${fromDate}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 = Monday). */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Converts a local wall-clock minute of `date` to an instant. On a daylight-saving day, a wall
 * time that does not exist (the hour skipped when it starts) gives null, and a wall time that
 * happens twice (the hour repeated when it ends) gives its first occurrence, so the repeated hour
 * is offered once and the same wall time never names two slots.
 */
function makeLocalClock(date: string, timeZone: string) {
  const [offsetAtStart, offsetAtEnd] = dayOffsets(date, timeZone);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (offsetAtStart === offsetAtEnd) {
    // The common case: one offset all day, plain arithmetic.
    return (minute: number): Date | null => new Date(midnightUtc + minute * MINUTE - offsetAtStart);
  }
  return (minute: number): Date | null => {
    const wall = midnightUtc + minute * MINUTE;
    // The wall time under each of the day's two offsets; a candidate is real when it reads back as
    // that wall time. Neither: skipped. Both: repeated, take the earlier.
    const real = [wall - offsetAtStart, wall - offsetAtEnd].filter((t) => t + zoneOffset(timeZone, new Date(t)) === wall);
    return real.length === 0 ? null : new Date(Math.min(...real));
  };
}

const offsetsByDay = new Map<string, readonly [number, number]>();
const midnights = new Map<string, number>();

/** The instant a local date starts in the zone (its 00:00, fromZonedTime), remembered per zone and date. */
export function localMidnight(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    instant = fromZonedTime(`${date}T00:00:00`, timeZone).getTime();
    if (midnights.size >= 20_000) midnights.clear(); // years of days in a few zones; never unbounded
    midnights.set(key, instant);
  }
  return new Date(instant);
}

/**
 * The zone's offset at the start and at the end of a local date. Looked up with Intl (tens of
 * microseconds each), so kept per zone and date: every week page asks again for the same days.
 */
function dayOffsets(date: string, timeZone: string): readonly [number, number] {
  const key = `${timeZone} ${date}`;
  let offsets = offsetsByDay.get(key);
  if (!offsets) {
    const dayStart = localMidnight(date, timeZone);
    offsets = [zoneOffset(timeZone, dayStart), zoneOffset(timeZone, new Date(dayStart.getTime() + 86_399_000))];
    if (offsetsByDay.size >= 20_000) offsetsByDay.clear(); // years of days in a few zones; never unbounded
    offsetsByDay.set(key, offsets);
  }
  return offsets;
}

/**
 * The instant a block ends. When its end falls in the hour skipped by daylight saving, the block
 * ends where that hour ends (the first wall time that exists), so a slot straddling the gap never
 * runs past the agenda's hours.
 */
function wallTimeAtOrAfter(clock: (minute: number) => Date | null, minute: number): number {
  for (let m = minute; m < minute + 180; m++) {
    const instant = clock(m);
    if (instant) return instant.getTime();
  }
  return Infinity;
}

function closedOn(date: string, professionalId: number, closed: ClosedPeriod[]) {
  return closed.filter(
    (c) => (c.professionalId === null || c.professionalId === professionalId) && c.startsOn <= date && c.endsOn >= date,
  );
}

/** Whole days closed for a professional (or the center), for the grid's "Feriado" labels. */
export function closedDays(
  fromDate: string,
  toDate: string,
  professionalId: number,
  closed: ClosedPeriod[],
): Array<{ date: string; reason: string }> {
  if (!closed.some((c) => c.professionalId === null || c.professionalId === professionalId)) return [];
  return datesBetween(fromDate, toDate).flatMap((date) => {
    const whole = closedOn(date, professionalId, closed).find((c) => c.startTime === null);
    return whole ? [{ date, reason: whole.reason }] : [];
  });
}

/**
 * Every slot the agendas produce in the date range, marked free or taken, without slots that are
 * closed, too soon, or beyond each professional's window. Slots never overlap within one
 * professional: if two rules overlap, the earlier-starting slot wins. Sorted by time.
 */
export function generateSlots(input: GenerateSlotsInput): Slot[] {
  return [...generateSlotsByProfessional(input).values()]
    .flat()
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.professionalId - b.professionalId);
}

/** The same slots, per professional (each list in time order): what a week's grid needs. */
export function generateSlotsByProfessional(input: GenerateSlotsInput): Map<number, Slot[]> {
  const { timeZone, rules, closed } = input;
  const notBefore = input.notBefore.getTime();
  const wanted = rules.filter(
    (r) =>
      (input.specialtyId == null || r.specialtyId === null || r.specialtyId === input.specialtyId) &&
      (input.studyId == null || r.studyId === null || r.studyId === input.studyId),
  );
  // Each rule's hours as local minutes, parsed once rather than once per day.
  const hours = new Map(wanted.map((r) => [r, { start: minutesOf(r.startTime), end: minutesOf(r.endTime) }]));
  const byProfessional = new Map<number, Slot[]>();
  for (const date of datesBetween(input.fromDate, input.toDate)) {
    const weekday = isoWeekday(date);
    const todays = wanted.filter(
      (r) => r.weekday === weekday && r.validFrom <= date && (r.validTo === null || r.validTo >= date),
    );
    if (todays.length === 0) continue;
    // One clock per day: the zone's offset is looked up once, not per slot.
    const clock = makeLocalClock(date, timeZone);
    for (const rule of todays) {
      const last = input.lastDateByProfessional?.get(rule.professionalId);
      if (last !== undefined && date > last) continue;
      const closures = closedOn(date, rule.professionalId, closed);
      if (closures.some((c) => c.startTime === null)) continue;
      // Part-day closures as local minutes, [from, to).
      const partClosed = closures.map((c) => [minutesOf(c.startTime!), minutesOf(c.endTime!)] as const);
      const { start: blockStart, end: blockEnd } = hours.get(rule)!;
      const blockEndMs = wallTimeAtOrAfter(clock, blockEnd);
      const slotMs = rule.slotMinutes * MINUTE;
      let list = byProfessional.get(rule.professionalId);
      for (let m = blockStart; m + rule.slotMinutes <= blockEnd; m += rule.slotMinutes) {
        const startsAt = clock(m);
        if (!startsAt) continue;
        const startMs = startsAt.getTime();
        if (startMs < notBefore) continue;
        if (startMs + slotMs > blockEndMs) continue;
        const localEnd = m + rule.slotMinutes;
        if (partClosed.length && partClosed.some(([from, to]) => from < localEnd && to > m)) continue;
        if (!list) byProfessional.set(rule.professionalId, (list = []));
        list.push({
          professionalId: rule.professionalId,
          scheduleId: rule.id,
          specialtyId: rule.specialtyId,
          studyId: rule.studyId,
          startsAt,
          endsAt: new Date(startMs + slotMs),
          date,
          time: hhmmOf(m),
          free: true,
        });
      }
    }
  }

  const busyByProfessional = busyTimesByProfessional(input.busy, input.busyTimes);
  const result = new Map<number, Slot[]>();
  for (const [professionalId, list] of byProfessional) {
    // Already in time order unless a professional has two rules on one day; the sort is stable
    // either way, so equal starts keep the order the rules gave them.
    if (!sortedBy(list, (slot) => slot.startsAt.getTime())) list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const busy = busyByProfessional.get(professionalId);
    const starts = busy?.starts ?? [];
    const ends = busy?.ends ?? [];
    const kept: Slot[] = [];
    let lastEnd = -Infinity;
    let j = 0;
    // A merge: slots and turnos both in start order, each turno passed over once it has ended.
    for (const slot of list) {
      const start = slot.startsAt.getTime();
      const end = slot.endsAt.getTime();
      if (start < lastEnd) continue; // overlapping rules: keep the earlier slot
      lastEnd = end;
      while (j < starts.length && ends[j] <= start) j++;
      for (let k = j; k < starts.length && starts[k] < end; k++) {
        if (ends[k] > start) {
          slot.free = false;
          break;
        }
      }
      kept.push(slot);
    }
    result.set(professionalId, kept);
  }
  return result;
}

function ascending(values: number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

function sortedBy<T>(list: T[], key: (item: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i]) < key(list[i - 1])) return false;
  return true;
}

/** Every live turno per professional as epoch ms, sorted by start (`starts[i]` with `ends[i]`). */
function busyTimesByProfessional(busy: BusyInterval[], busyTimes: BusyTimes[] = []): Map<number, { starts: number[]; ends: number[] }> {
  const out = new Map<number, { starts: number[]; ends: number[] }>();
  const listOf = (professionalId: number) => {
    let list = out.get(professionalId);
    if (!list) out.set(professionalId, (list = { starts: [], ends: [] }));
    return list;
  };
  for (const b of busy) {
    const list = listOf(b.professionalId);
    list.starts.push(b.startsAt.getTime());
    list.ends.push(b.endsAt.getTime());
  }
  for (const b of busyTimes) {
    if (!out.has(b.professionalId)) {
      out.set(b.professionalId, { starts: b.starts, ends: b.ends }); // not copied: read, never changed
      continue;
    }
    const list = listOf(b.professionalId);
    for (let i = 0; i < b.starts.length; i++) {
      list.starts.push(b.starts[i]);
      list.ends.push(b.ends[i]);
    }
  }
  for (const [professionalId, { starts, ends }] of out) {
    if (ascending(starts)) continue;
    const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
    out.set(professionalId, { starts: order.map((i) => starts[i]), ends: order.map((i) => ends[i]) });
  }
  return out;
}

/** The slot a booking request names, if the agenda offers it and it is free. */
export function findOfferedSlot(slots: Slot[], professionalId: number, startsAt: Date): Slot | undefined {
  return slots.find((s) => s.professionalId === professionalId && s.startsAt.getTime() === startsAt.getTime());
}
