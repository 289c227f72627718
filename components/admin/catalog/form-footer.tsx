'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { plainButton, primaryButton } from './styles';

/**
 * Guardar + Volver, and the status line a screen reader announces after saving. Guardar waits for
 * hydration: before it, a press would submit the form natively (fields in the URL) and whatever
 * was typed would be reset by react-hook-form's defaults.
 */
export function FormFooter({ pending, backHref, status }: { pending: boolean; backHref: string; status?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
      <button type="submit" disabled={pending || !ready} className={`${primaryButton} min-h-12 px-6`}>
        {pending ? 'Guardando…' : 'Guardar'}
      </button>
      <Link href={backHref} className={`${plainButton} min-h-12`}>
        Volver
      </Link>
      <p role="status" className="font-semibold text-green-800">
        {status ?? ''}
      </p>
    </div>
  );
}
