import { describe, expect, it } from 'vitest';
import { slotItems } from '@/components/portal/week-grid';
import type { Slot } from '@/lib/availability/slots';

/**
 * The week grid writes each day's slots as HTML by hand (components/portal/week-grid.tsx): the
 * markup must be what React wrote before (a link per free slot with its accessible name, a grey
 * box per taken one), and nothing it writes may become markup.
 */

const slot = (time: string, free: boolean): Slot => ({
  professionalId: 1,
  scheduleId: 1,
  specialtyId: 1,
  studyId: null,
  startsAt: new Date(`2026-12-03T${time}:00-03:00`),
  endsAt: new Date(`2026-12-03T${time}:00-03:00`),
  date: '2026-12-03',
  time,
  free,
});

describe('the week grid slots', () => {
  it('a link for each free slot (the first free one marked), a box for each taken one', () => {
    const a = slot('15:00', false);
    const b = slot('15:20', true);
    const c = slot('15:40', true);
    const html = slotItems([a, b, c], b, (s) => `/tomar-turno/confirmar?profesional=1&inicio=${encodeURIComponent(s.startsAt.toISOString())}`);
    expect(html).toBe(
      '<li><span aria-label="Jueves 03/12 15:00, ocupado" class="slot-taken">15:00</span></li>' +
        '<li><a href="/tomar-turno/confirmar?profesional=1&amp;inicio=2026-12-03T18%3A20%3A00.000Z" aria-label="Jueves 03/12 15:20, libre, primer turno disponible" class="slot-free slot-first">15:20</a></li>' +
        '<li><a href="/tomar-turno/confirmar?profesional=1&amp;inicio=2026-12-03T18%3A40%3A00.000Z" aria-label="Jueves 03/12 15:40, libre" class="slot-free">15:40</a></li>',
    );
  });

  it('escapes what it writes: a hostile link or time stays text', () => {
    const hostile = { ...slot('15:00', true), time: '<img src=x onerror=alert(1)>' };
    const html = slotItems([hostile], null, () => '/x?a="><script>alert(1)</script>&b=\'');
    expect(html).not.toMatch(/<script|<img|"><|'>/);
    expect(html).toContain('href="/x?a=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;b=&#39;"');
    expect(html).toContain('>&lt;img src=x onerror=alert(1)&gt;</a>');
  });
});
