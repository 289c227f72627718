'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/admin/staff-action';
import { plainButton } from '@/components/admin/catalog/styles';

type Preview = (input: { title: string; body: string }) => Promise<ActionResult<{ subject: string; html: string }>>;

/** The mail as a patient would see it, with sample data, rendered by the server through the real layout. */
export function EmailPreview({ title, body, preview }: { title: string; body: string; preview: Preview }) {
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useState<{ subject: string; html: string } | null>(null);
  const [error, setError] = useState('');
  const show = () =>
    startTransition(async () => {
      setError('');
      const answer = await preview({ title, body });
      if (answer.ok) setShown(answer.data);
      else setError(answer.error);
    });
  return (
    <section aria-labelledby="vista-previa" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="vista-previa" className="font-semibold text-brand-800">
        Vista previa con datos de ejemplo
      </h2>
      <button type="button" onClick={show} disabled={pending} className={plainButton}>
        {pending ? 'Preparando…' : shown ? 'Actualizar vista previa' : 'Ver vista previa'}
      </button>
      <p aria-live="polite" className="text-sm font-semibold text-red-700">
        {error}
      </p>
      {shown && (
        <>
          <p>
            Asunto: <strong>{shown.subject}</strong>
          </p>
          {/* sandbox without allow-scripts: the preview can never run anything. */}
          <iframe title="Vista previa del mail" sandbox="" srcDoc={shown.html} className="h-96 w-full rounded border border-slate-300" />
        </>
      )}
    </section>
  );
}
