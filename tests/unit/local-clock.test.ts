import { formatInTimeZone } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { localClock } from '@/lib/time/local-clock';

const ZONES = ['America/Argentina/Buenos_Aires', 'America/New_York', 'Europe/Madrid', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

describe('localClock', () => {
  it('agrees with formatInTimeZone through two years, every DST change minute by minute, and odd offsets', () => {
    for (const zone of ZONES) {
      const clock = localClock(zone);
      const check = (ms: number) => {
        const d = new Date(ms);
        const expected = { date: formatInTimeZone(d, zone, 'yyyy-MM-dd'), time: formatInTimeZone(d, zone, 'HH:mm') };
        const got = clock(d);
        if (got.date !== expected.date || got.time !== expected.time) expect({ zone, at: d.toISOString(), got }).toEqual({ zone, at: d.toISOString(), got: expected });
      };
      let previous = formatInTimeZone(new Date(FROM), zone, 'xxx');
      // Every 2 h 3 min 7 s (so every minute of the hour comes up), and around each offset change.
      for (let ms = FROM; ms < TO; ms += 7_387_000) check(ms);
      for (let ms = FROM; ms < TO; ms += 3_600_000) {
        const offset = formatInTimeZone(new Date(ms), zone, 'xxx');
        if (offset !== previous) for (let m = ms - 2 * 3_600_000; m < ms + 2 * 3_600_000; m += 60_000) check(m);
        previous = offset;
      }
    }
  }, 30_000);
});
