'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/admin/staff-action';

export type SaveAction = (input: unknown) => Promise<ActionResult<{ id: number }>>;

/**
 * Submits a react-hook-form form to its server action: refusals land next to their fields (and
 * as a summary on top), success goes back to the list (`doneHref`) or shows a status line.
 */
export function useActionSubmit<TIn extends FieldValues, TOut>(
  form: UseFormReturn<TIn, unknown, TOut>,
  save: SaveAction,
  doneHref?: string,
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const answer = await save(values);
      if (answer.ok) {
        if (doneHref) router.push(doneHref);
        setResult({ ok: true, message: 'Cambios guardados. Ya se aplican en la web.' });
        return;
      }
      setResult({ ok: false, message: answer.error });
      for (const [field, message] of Object.entries(answer.fieldErrors ?? {})) {
        form.setError(field as Path<TIn>, { message });
      }
    }),
  );
  return { onSubmit, pending, result };
}
