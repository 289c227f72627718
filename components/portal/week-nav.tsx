import Link from 'next/link';

export function WeekNav({ prevHref, nextHref }: { prevHref: string | null; nextHref: string }) {
  const cls = 'inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-semibold hover:bg-slate-100';
  return (
    <nav aria-label="Semanas" className="flex flex-wrap justify-between gap-2">
      {prevHref ? (
        <Link href={prevHref} className={cls}>
          ‹ Semana Anterior
        </Link>
      ) : (
        <span />
      )}
      <Link href={nextHref} className={cls}>
        Ver Horarios Libres Semana Siguiente ›
      </Link>
    </nav>
  );
}
