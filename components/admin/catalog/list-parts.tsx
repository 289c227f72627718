import Link from 'next/link';
import { LIST_LIMIT } from '@/lib/catalog/admin-queries';
import { plainButton, primaryButton } from './styles';

/** Pieces shared by the catalogue lists (server components). */

export function CatalogPage({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      {intro && <div className="space-y-2 text-slate-700">{intro}</div>}
      {children}
    </main>
  );
}

/** Server-side filter: a plain GET form, so it works without JavaScript and keeps the URL shareable. */
export function SearchBox({ action, q, label, newHref }: { action: string; q: string; label: string; newHref?: string }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <form action={action} role="search" className="flex flex-1 flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="block font-medium">
            {label}
          </label>
          <input id="q" name="q" type="search" defaultValue={q} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3" />
        </div>
        <button type="submit" className={plainButton}>
          Buscar
        </button>
        {q && (
          <Link href={action} className={plainButton}>
            Ver todos
          </Link>
        )}
      </form>
      {newHref && (
        <Link href={newHref} className={primaryButton}>
          NUEVO
        </Link>
      )}
    </div>
  );
}

/** "Active first, dadas de baja below", each with its heading and count. */
export function splitByActive<T extends { active: boolean }>(rows: T[]): { shown: T[]; active: T[]; inactive: T[]; capped: boolean } {
  const capped = rows.length > LIST_LIMIT;
  const shown = rows.slice(0, LIST_LIMIT);
  return { shown, active: shown.filter((r) => r.active), inactive: shown.filter((r) => !r.active), capped };
}

export function ListNotes({ capped, q, total, noun }: { capped: boolean; q: string; total: number; noun: string }) {
  return (
    <>
      {capped && (
        <p className="rounded-lg bg-amber-50 p-3 text-amber-900">
          Se muestran los primeros {LIST_LIMIT}. Escriba parte del nombre en Buscar para encontrar el resto.
        </p>
      )}
      {total === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">{q ? `No hay ${noun} que coincidan con “${q}”.` : `Todavía no hay ${noun}.`}</p>}
    </>
  );
}

export function Section({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  if (count === 0) return null;
  const id = `seccion-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold text-brand-800">
        {title} ({count})
      </h2>
      <ul className="space-y-3">{children}</ul>
    </section>
  );
}

/** One row: its name, what it shows, and its buttons; stacks on phones. */
export function Row({ title, children, actions }: { title: string; children?: React.ReactNode; actions: React.ReactNode }) {
  return (
    <li aria-label={title} className="rounded-lg bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-3 md:flex-row md:items-start md:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 className="text-lg font-semibold break-words">{title}</h3>
          {children}
        </div>
        <div className="flex flex-wrap gap-2 md:justify-end">{actions}</div>
      </div>
    </li>
  );
}

export function WebStatus({ on, feminine = false }: { on: boolean; feminine?: boolean }) {
  const word = on ? (feminine ? 'ACTIVADA' : 'ACTIVADO') : feminine ? 'DESACTIVADA' : 'DESACTIVADO';
  return (
    <p>
      Turnos Web:{' '}
      <strong className={on ? 'rounded bg-green-100 px-2 text-green-900' : 'rounded bg-slate-200 px-2 text-slate-800'}>{word}</strong>
    </p>
  );
}

/** A message patients will read, as text with its line breaks (React escapes it). */
export function MessagePreview({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <div className="text-sm">
      <span className="font-medium">{label}:</span> <span className="whitespace-pre-line text-slate-700">{text}</span>
    </div>
  );
}

export function SavedNotice({ show }: { show: boolean }) {
  return (
    <p role="status" className={show ? 'rounded-lg bg-green-50 p-3 font-semibold text-green-900' : 'sr-only'}>
      {show ? 'Cambios guardados. Ya se aplican en la web.' : ''}
    </p>
  );
}

export function searchTerm(params: Record<string, string | string[] | undefined>): string {
  const q = params.q;
  return (Array.isArray(q) ? q[0] : q)?.trim().slice(0, 100) ?? '';
}
