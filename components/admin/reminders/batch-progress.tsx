'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/admin/staff-action';
import type { BatchCounts } from '@/lib/reminders/send-lists';
import { batchStatusLine } from './batch-status';

type Progress = { status: 'draft' | 'sending' | 'done'; counts: BatchCounts };

/**
 * The progress bar of a send. The numbers come from the database (the outbox rows themselves), so
 * a reload, another browser or a server restart shows the same thing. While sending it asks
 * again every second; when the numbers move it refreshes the list below, so each row shows its
 * own result as it happens.
 */
export function BatchProgress({
  batchId,
  initial,
  poll,
}: {
  batchId: number;
  initial: Progress;
  poll: (input: { batchId: number }) => Promise<ActionResult<Progress>>;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const last = useRef(JSON.stringify(initial));

  useEffect(() => {
    if (progress.status !== 'sending') return;
    const timer = setTimeout(async () => {
      const answer = await poll({ batchId }).catch(() => null);
      if (!answer?.ok) {
        setProgress((p) => ({ ...p })); // try again in a second
        return;
      }
      const next = JSON.stringify(answer.data);
      if (next !== last.current) {
        last.current = next;
        setProgress(answer.data);
        router.refresh();
      } else setProgress((p) => ({ ...p }));
    }, 1000);
    return () => clearTimeout(timer);
  }, [progress, batchId, poll, router]);

  const { counts, status } = progress;
  const sentPct = counts.total ? (counts.sent / counts.total) * 100 : 0;
  const errorPct = counts.total ? (counts.error / counts.total) * 100 : 0;
  const skippedPct = counts.total ? (counts.skipped / counts.total) * 100 : 0;
  const done = counts.sent + counts.error + counts.skipped;
  return (
    <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <p className="font-semibold" aria-live="polite">
        {batchStatusLine(status, counts)}
      </p>
      <div
        role="progressbar"
        aria-label="Progreso del envío"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        aria-valuetext={`${done} de ${counts.total}`}
        className="flex h-5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-green-600 transition-all" style={{ width: `${sentPct}%` }} />
        <div className="h-full bg-red-600 transition-all" style={{ width: `${errorPct}%` }} />
        <div className="h-full bg-slate-500 transition-all" style={{ width: `${skippedPct}%` }} />
      </div>
      <p className="text-sm text-slate-700">
        <span className="font-semibold text-green-800">{counts.sent} enviados</span> ·{' '}
        <span className="font-semibold text-red-800">{counts.error} con error</span>
        {counts.skipped > 0 && <> · {counts.skipped} omitidos (turno cancelado o paciente sin recordatorios)</>} · {counts.queued} en cola
      </p>
    </div>
  );
}
