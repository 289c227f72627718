'use client';

import { useState, useTransition } from 'react';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import type { ActionResult } from '@/lib/admin/staff-action';

type ProbeData = { provider: string; answer: string; balance?: number | null; balanceError?: string; normalised?: string };
type Probe = (input: { to: string }) => Promise<ActionResult<ProbeData>>;
type Balance = (input: object) => Promise<ActionResult<{ balance: number }>>;

/**
 * "Probar", to the right of the configuration as in the manual: sends a test right now with the
 * saved configuration and shows the server's answer, or its error, word for word.
 */
export function ProbePanel({
  kind,
  probe,
  balance,
}: {
  kind: 'mail' | 'sms';
  probe: Probe;
  balance?: Balance;
}) {
  const [to, setTo] = useState('');
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);

  const run = () =>
    startTransition(async () => {
      setResult(null);
      const answer = await probe({ to });
      if (!answer.ok) {
        setResult({ ok: false, lines: [answer.fieldErrors?.to ?? answer.error] });
        return;
      }
      const d = answer.data;
      const lines = [
        ...(d.normalised ? [`Enviado al ${d.normalised}.`] : []),
        `Respuesta del servidor: ${d.answer}`,
        ...(d.balance != null ? [`Saldo disponible: ${d.balance} SMS`] : []),
        ...(d.balanceError ? [`No se pudo consultar el saldo: ${d.balanceError}`] : []),
      ];
      setResult({ ok: true, lines });
    });

  const askBalance = () =>
    startTransition(async () => {
      if (!balance) return;
      const answer = await balance({});
      setResult(answer.ok ? { ok: true, lines: [`Saldo disponible: ${answer.data.balance} SMS`] } : { ok: false, lines: [answer.error] });
    });

  const label = kind === 'mail' ? 'Enviar un mail de prueba a' : 'Enviar un SMS de prueba al celular';
  return (
    <aside aria-labelledby="probar" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="probar" className="text-lg font-semibold text-brand-800">
        Probar
      </h2>
      <p className="text-sm text-slate-700">Se prueba la configuración guardada: guarde los cambios antes de probar.</p>
      <div>
        <label htmlFor="probar-destino" className="block font-medium">
          {label}
        </label>
        <input
          id="probar-destino"
          type={kind === 'mail' ? 'email' : 'tel'}
          inputMode={kind === 'mail' ? 'email' : 'tel'}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-describedby="probar-ayuda"
          className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3"
        />
        <p id="probar-ayuda" className="mt-1 text-sm text-slate-600">
          {kind === 'mail' ? 'Una dirección suya, para ver que el mail llega.' : 'Código de área sin 0 y número sin 15, por ejemplo 1144445555.'}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={run} disabled={pending} className={primaryButton}>
          {pending ? 'Probando…' : 'Probar'}
        </button>
        {balance && (
          <button type="button" onClick={askBalance} disabled={pending} className={plainButton}>
            Consultar saldo
          </button>
        )}
      </div>
      <div aria-live="polite" role="status">
        {result && (
          <div className={result.ok ? 'rounded bg-green-50 p-2 text-green-900' : 'rounded bg-red-50 p-2 font-semibold text-red-900'}>
            {result.lines.map((line, i) => (
              <p key={i} className="break-words">
                {line}
              </p>
            ))}
          </div>
        )}
      </div>
    </aside>
  );
}
