import Link from 'next/link';
import type { Slot } from '@/lib/availability/slots';
import { datesBetween } from '@/lib/availability/slots';
import { dayHeading, slotLabel } from '@/lib/time/labels';

/**
 * A professional's week: one column per day (stacked on phones), free slots green and taken ones
 * grey, each with text and an accessible name, never colour alone ("Jueves 13/11 11:00, libre").
 * A week has up to ~150 slots: their styles are the short classes in app/globals.css (slot-free,
 * slot-first, slot-taken), not a dozen utilities repeated on each, which were a third of the page
 * (its HTML and, again, its RSC payload).
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
              <ul className="grid grid-cols-4 gap-1 sm:grid-cols-1">
                {daySlots.map((slot) => {
                  const isFirst = firstFree && slot.startsAt.getTime() === firstFree.startsAt.getTime();
                  return (
                    <li key={slot.startsAt.toISOString()}>
                      {slot.free ? (
                        <Link
                          href={hrefFor(slot)}
                          aria-label={`${slotLabel(slot.date, slot.time)}, libre${isFirst ? ', primer turno disponible' : ''}`}
                          className={isFirst ? 'slot-free slot-first' : 'slot-free'}
                        >
                          {slot.time}
                        </Link>
                      ) : (
                        <span
                          aria-label={`${slotLabel(slot.date, slot.time)}, ocupado`}
                          className="slot-taken"
                        >
                          {slot.time}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
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
