'use client';

import { PLACEHOLDERS, tokenText, type PlaceholderToken } from '@/lib/reminders/placeholders';

/**
 * The "Ayuda" box: every [[TOKEN]] and what it becomes. Each is a button, so a click, a double
 * click (as the manual says) or Enter inserts it at the cursor, once.
 */
export function TokenHelp({ onInsert }: { onInsert: (token: PlaceholderToken) => void }) {
  return (
    <aside aria-labelledby="ayuda-datos" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <h2 id="ayuda-datos" className="font-semibold text-brand-800">
        Ayuda: datos que el Sistema completa
      </h2>
      <p className="mb-2 text-sm text-slate-700">Haga doble clic (o Enter) sobre un dato para escribirlo donde está el cursor del Mensaje.</p>
      <ul className="space-y-1">
        {PLACEHOLDERS.map((p) => (
          <li key={p.token}>
            <button
              type="button"
              // The second click of a double click would insert the token again.
              onClick={(e) => e.detail <= 1 && onInsert(p.token)}
              aria-label={`Insertar ${tokenText(p.token)}: ${p.description}`}
              className="w-full rounded px-2 py-1 text-left hover:bg-brand-100"
            >
              <code className="font-semibold text-brand-800">{tokenText(p.token)}</code>
              <span className="block text-xs text-slate-700">{p.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
