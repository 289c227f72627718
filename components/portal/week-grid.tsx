import type { Slot } from '@/lib/availability/slots';
import { datesBetween } from '@/lib/availability/slots';
import { escapeHtml } from '@/lib/security/escape-html';
import { dayHeading, slotLabel } from '@/lib/time/labels';

/**
 * A professional's week: one column per day (stacked on phones), free slots green and taken ones
 * grey, each with text and an accessible name, never colour alone ("Jueves 13/11 11:00, libre").
 * A week has up to ~150 slots: their styles are the short classes in app/globals.css (slot-free,
 * slot-first, slot-taken), not a dozen utilities repeated on each, which were a third of the page
 * (its HTML and, again, its RSC payload).
 *
 * Each day's slots are written as HTML here (slotItems), not as React elements: ~150 slots of
 * three elements each went through React twice per page (the RSC payload, then the HTML), about a
 * fifth of the page's CPU, for markup that never changes on the client. The free slots are plain
 * links, not next/link: as client components they cost more again, and a phone would prefetch the
 * confirmation page of every slot on screen. Everything written is escaped (escapeHtml).
 */
export function WeekGrid({
  fromDate,
  toDate,
  slots,
  closedDays,
  firstFree,
  hrefFor,
}: {
  fromDate: string;
  toDate: string;
  slots: Slot[];
  closedDays: Array<{ date: string; reason: string }>;
  firstFree: Slot | null;
  hrefFor: (slot: Slot) => string;
}) {
  const days = datesBetween(fromDate, toDate);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-7 sm:gap-2">
      {days.map((date) => {
        const daySlots = slots.filter((s) => s.date === date);
        const closed = closedDays.find((c) => c.date === date);
        return (
          <section key={date} aria-label={dayHeading(date)} className="rounded-lg bg-white p-2 shadow-sm">
            <h3 className="mb-2 text-center text-sm font-semibold text-slate-800">{dayHeading(date)}</h3>
            {closed ? (
              <p className="text-center text-sm text-slate-600">{closed.reason || 'No atiende'}</p>
            ) : daySlots.length === 0 ? (
              <p className="text-center text-sm text-slate-500">Sin horarios</p>
            ) : (
              <ul className="grid grid-cols-4 gap-1 sm:grid-cols-1" dangerouslySetInnerHTML={{ __html: slotItems(daySlots, firstFree, hrefFor) }} />
            )}
          </section>
        );
      })}
    </div>
  );
}

/** One day's `<li>`s: a link for each free slot, a grey box for each taken one. */
export function slotItems(daySlots: Slot[], firstFree: Slot | null, hrefFor: (slot: Slot) => string): string {
  let html = '';
  for (const slot of daySlots) {
    const label = slotLabel(slot.date, slot.time);
    const time = escapeHtml(slot.time);
    if (slot.free) {
      const isFirst = firstFree !== null && slot.startsAt.getTime() === firstFree.startsAt.getTime();
      const name = `${label}, libre${isFirst ? ', primer turno disponible' : ''}`;
      html += `<li><a href="${escapeHtml(hrefFor(slot))}" aria-label="${escapeHtml(name)}" class="${isFirst ? 'slot-free slot-first' : 'slot-free'}">${time}</a></li>`;
    } else {
      html += `<li><span aria-label="${escapeHtml(`${label}, ocupado`)}" class="slot-taken">${time}</span></li>`;
    }
  }
  return html;
}

export function GridLegend() {
  return (
    <p className="flex flex-wrap gap-4 text-sm" aria-label="Referencias">
      <span className="flex items-center gap-1">
        <span aria-hidden className="inline-block h-4 w-4 rounded bg-free-100 ring-1 ring-free-700" /> Horario Libre
      </span>
      <span className="flex items-center gap-1">
        <span aria-hidden className="inline-block h-4 w-4 rounded bg-taken-100 ring-1 ring-taken-600" /> Horario Ocupado
      </span>
    </p>
  );
}
