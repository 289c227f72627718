'use client';

import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';

export interface CheckboxOption {
  id: number;
  name: string;
  active: boolean;
  hint?: string;
}

/**
 * A group of checkboxes whose value is the list of checked ids (specialties of a professional,
 * the ESTUDIOS it performs). Options dadas de baja stay visible, marked, so nothing is unticked
 * behind the user's back.
 */
export function IdCheckboxes<T extends FieldValues>({
  control,
  name,
  legend,
  help,
  options,
  empty,
  inactiveLabel = 'dado de baja',
}: {
  control: Control<T, unknown, unknown>;
  name: Path<T>;
  legend: string;
  help?: string;
  options: CheckboxOption[];
  empty: string;
  inactiveLabel?: string;
}) {
  const { field, fieldState } = useController({ control, name });
  const checked = new Set<number>((field.value as number[] | undefined) ?? []);
  const errorId = `${name}-error`;
  const helpId = `${name}-help`;
  const toggle = (id: number, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(id);
    else next.delete(id);
    field.onChange([...next]);
  };
  return (
    <fieldset aria-describedby={[help && helpId, errorId].filter(Boolean).join(' ')} className="space-y-2">
      <legend className="font-medium">{legend}</legend>
      {help && (
        <p id={helpId} className="text-sm text-slate-600">
          {help}
        </p>
      )}
      {options.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <ul className="grid max-h-[28rem] gap-1 overflow-y-auto rounded-lg border border-slate-200 p-2 sm:grid-cols-2">
          {options.map((o) => (
            <li key={o.id}>
              <label className="flex min-h-11 items-start gap-3 rounded px-2 py-2 hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="mt-0.5 h-5 w-5 shrink-0"
                  checked={checked.has(o.id)}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                  onBlur={field.onBlur}
                />
                <span>
                  {o.name}
                  {!o.active && <span className="text-slate-600"> ({inactiveLabel})</span>}
                  {o.hint && <span className="block text-sm text-slate-600 whitespace-pre-line">{o.hint}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm font-semibold text-red-700">
        {fieldState.error?.message ?? ''}
      </p>
    </fieldset>
  );
}
