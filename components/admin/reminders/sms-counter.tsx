'use client';

import { budgetedText, renderTemplate, SAMPLE_VALUES, type PlaceholderValues } from '@/lib/reminders/placeholders';
import { gsmSuggestions, smsSegments, SMS_LIMITS, type SmsCount } from '@/lib/reminders/sms-count';
import { plainButton } from '@/components/admin/catalog/styles';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Line({ label, count }: { label: string; count: SmsCount }) {
  return (
    <p>
      {label}: <strong>{plural(count.characters, 'carácter', 'caracteres')}</strong> →{' '}
      <strong>{count.parts} SMS</strong>
      {count.parts > 0 && <span className="text-slate-600"> (quedan {count.remainingInPart} en el último)</span>}
    </p>
  );
}

/**
 * CONTAR CARACTERES, live: how the message is encoded, and how many SMS it takes with sample
 * data and with the longest names foreseen ("deben sobrar, ya que los Nombres ... pueden variar").
 */
export function SmsCounter({ body, known, onReplace }: { body: string; known: PlaceholderValues; onReplace: () => void }) {
  const staffText = smsSegments(renderTemplate(body, {}));
  const sample = smsSegments(renderTemplate(body, { ...SAMPLE_VALUES, ...known }));
  const budget = smsSegments(budgetedText(body, known));
  const suggestions = gsmSuggestions(renderTemplate(body, {}));
  const limits = SMS_LIMITS[staffText.encoding];
  return (
    <section aria-labelledby="contar-caracteres" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="contar-caracteres" className="font-semibold text-brand-800">
        Contar caracteres
      </h2>
      <div aria-live="polite" aria-atomic="true" className="space-y-1">
        <p>
          Codificación: <strong>{staffText.encoding}</strong> ({limits.single} caracteres en un SMS, {limits.part} por parte si
          se divide)
        </p>
        <Line label="Con datos de ejemplo" count={sample} />
        <Line label="Con los datos más largos previstos" count={budget} />
      </div>
      {suggestions.length > 0 ? (
        <div className="rounded bg-amber-50 p-2 text-amber-950">
          <p>
            Estos caracteres no entran en GSM-7 y reducen cada SMS a 70 caracteres:{' '}
            {suggestions.map((s) => `${s.char}${s.replacement !== null ? ` → ${s.replacement}` : ' (sin reemplazo)'} (${s.count})`).join(', ')}.
          </p>
          {suggestions.some((s) => s.replacement !== null) && (
            <button type="button" onClick={onReplace} className={`${plainButton} mt-2`}>
              Reemplazar caracteres no GSM
            </button>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          Nombres con á, í, ó o ú (por ejemplo “Martín”) pasan el SMS a 70 caracteres por parte al enviarlo: deje margen.
        </p>
      )}
    </section>
  );
}
