'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { ActionResult } from '@/lib/admin/staff-action';
import type { PatientMatch } from '@/lib/patients/patients';
import { EMPTY_PATIENT, patientSchema } from '@/lib/patients/schemas';
import { PatientFields } from './patient-fields';

type Search = (input: unknown) => Promise<ActionResult<PatientMatch[]>>;
type Create = (input: unknown) => Promise<ActionResult<{ patientId: number }>>;

/** Find the patient by DNI or name, or create them right here (a patient calling by phone). */
export function PatientPicker({
  search,
  create,
  insurers,
  onPick,
}: {
  search: Search;
  create: Create;
  insurers: Array<{ id: number; name: string }>;
  onPick: (p: { id: number; name: string; dni: string; insurerId: number | null }) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PatientMatch[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState('');
  const [pending, start] = useTransition();
  const form = useForm({
    // raw: the server parses the same schema, so it must get what was typed, not the parsed output.
    resolver: zodResolver(patientSchema, undefined, { raw: true }),
    defaultValues: EMPTY_PATIENT,
  });

  const find = () =>
    start(async () => {
      setError('');
      const answer = await search({ query });
      if (!answer.ok) return setError(answer.error);
      setResults(answer.data);
      if (answer.data.length === 0) form.setValue('dni', /^[\d.\s]+$/.test(query) ? query : '');
    });

  const save = form.handleSubmit((values) =>
    start(async () => {
      const answer = await create(values);
      if (!answer.ok) {
        setError(answer.error);
        for (const [f, m] of Object.entries(answer.fieldErrors ?? {})) form.setError(f as keyof typeof values, { message: m });
        return;
      }
      const v = patientSchema.parse(values);
      onPick({ id: answer.data.patientId, name: `${v.lastName} ${v.firstName}`, dni: v.dni, insurerId: v.insurerId });
    }),
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-1 flex-col font-medium">
          Buscar paciente (DNI o apellido)
          <input
            value={query}
            onChange={(ev) => setQuery(ev.target.value)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter') {
                ev.preventDefault();
                find();
              }
            }}
            className="mt-1 min-h-11 rounded-lg border border-slate-400 px-3"
          />
        </label>
        <button type="button" onClick={find} disabled={pending || query.trim().length < 2} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white disabled:opacity-50">
          Buscar
        </button>
        <button type="button" onClick={() => setCreating(true)} className="min-h-11 rounded-lg border border-brand-700 px-4 font-semibold text-brand-700">
          Paciente nuevo
        </button>
      </div>
      <p role="alert" className="text-sm font-semibold text-red-700">
        {error}
      </p>
      {results && (
        <ul aria-label="Pacientes encontrados" className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {results.length === 0 && <li className="p-3">No se encontró ningún paciente. Puede darlo de alta con “Paciente nuevo”.</li>}
          {results.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <strong>{p.name}</strong> · DNI {p.dni} {p.insurer ? `· ${p.insurer}` : ''}
              </span>
              <button type="button" onClick={() => onPick(p)} className="min-h-10 rounded-md border border-brand-700 px-3 font-semibold text-brand-700">
                Elegir
              </button>
            </li>
          ))}
        </ul>
      )}
      {creating && (
        <form onSubmit={save} noValidate aria-label="Paciente nuevo" className="grid gap-x-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-2">
          <PatientFields form={form} insurers={insurers} />
          <div className="sm:col-span-2">
            <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white disabled:opacity-50">
              Guardar paciente
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
