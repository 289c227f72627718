'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormError } from '@/components/forms/field-error';
import type { ActionResult } from '@/lib/admin/staff-action';
import type { PatientMatch } from '@/lib/patients/patients';
import { PatientPicker } from './patient-picker';

type Option = { id: number; name: string };

export function StaffBookingForm({
  professionalId,
  startsAt,
  slotTaken,
  specialties,
  studies,
  insurers,
  backHref,
  book,
  search,
  createPatient,
}: {
  professionalId: number;
  startsAt: string;
  slotTaken: boolean;
  specialties: Option[];
  studies: Option[];
  insurers: Option[];
  backHref: string;
  book: (input: unknown) => Promise<ActionResult<{ appointmentId: number }>>;
  search: (input: unknown) => Promise<ActionResult<PatientMatch[]>>;
  createPatient: (input: unknown) => Promise<ActionResult<{ patientId: number }>>;
}) {
  const router = useRouter();
  const [patient, setPatient] = useState<{ id: number; name: string; dni: string } | null>(null);
  const [insurerId, setInsurerId] = useState('');
  const [specialtyId, setSpecialtyId] = useState(specialties.length === 1 ? String(specialties[0].id) : '');
  const [studyId, setStudyId] = useState('');
  const [reason, setReason] = useState('');
  const [overbook, setOverbook] = useState(slotTaken);
  const [error, setError] = useState('');
  const [pending, start] = useTransition();

  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    if (!patient) return setError('Elija o dé de alta al paciente.');
    start(async () => {
      const answer = await book({
        professionalId,
        startsAt,
        patientId: patient.id,
        specialtyId: specialtyId ? Number(specialtyId) : null,
        studyId: studyId ? Number(studyId) : null,
        insurerId,
        reason,
        overbook,
      });
      if (!answer.ok) return setError(answer.error);
      router.push(backHref);
    });
  };

  const select = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3';
  return (
    <div className="space-y-4">
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-lg font-semibold">Paciente</h2>
        {patient ? (
          <p className="flex flex-wrap items-center gap-3">
            <strong>{patient.name}</strong> · DNI {patient.dni}
            <button type="button" onClick={() => setPatient(null)} className="text-brand-700 underline">
              Cambiar
            </button>
          </p>
        ) : (
          <PatientPicker
            search={search}
            create={createPatient}
            insurers={insurers}
            onPick={(p) => {
              setPatient(p);
              setInsurerId(p.insurerId ? String(p.insurerId) : '');
            }}
          />
        )}
      </section>
      <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-label="Datos del turno">
        <FormError message={error} />
        {specialties.length > 0 && (
          <label className="block font-medium">
            Especialidad
            <select value={specialtyId} onChange={(e) => setSpecialtyId(e.target.value)} className={select}>
              <option value="">—</option>
              {specialties.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {studies.length > 0 && (
          <label className="block font-medium">
            Estudio
            <select value={studyId} onChange={(e) => setStudyId(e.target.value)} className={select}>
              <option value="">—</option>
              {studies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="block font-medium">
          Obra Social
          <select value={insurerId} onChange={(e) => setInsurerId(e.target.value)} className={select}>
            <option value="">Sin obra social</option>
            {insurers.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block font-medium">
          Motivo
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} rows={2} className="mt-1 block w-full rounded-lg border border-slate-400 p-2" />
        </label>
        <label className="flex min-h-11 items-center gap-3 font-medium">
          <input type="checkbox" checked={overbook} onChange={(e) => setOverbook(e.target.checked)} className="h-5 w-5" />
          Sobreturno (dar el turno aunque el horario esté ocupado)
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className="min-h-12 rounded-lg bg-brand-700 px-5 font-semibold text-white disabled:opacity-50">
            {pending ? 'Guardando…' : 'Otorgar Turno'}
          </button>
          <a href={backHref} className="inline-flex min-h-12 items-center rounded-lg border border-slate-400 px-5 font-semibold">
            Volver
          </a>
        </div>
      </form>
    </div>
  );
}
