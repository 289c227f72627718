import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listWebInsurers } from '@/lib/catalog/queries';

export const metadata: Metadata = { title: 'Obras Sociales / Prepagas' };

export default async function InsurersPage() {
  const insurers = await listWebInsurers(getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">Obras Sociales / Prepagas</h1>
      <p className="text-slate-700">Estas son las obras sociales y prepagas con las que puede tomar turnos por internet.</p>
      <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
        {insurers.map((insurer) => (
          <li key={insurer.id} className="p-4">
            <h2 className="font-semibold">{insurer.name}</h2>
            {insurer.generalMessage && <p className="mt-1 whitespace-pre-line text-slate-700">{insurer.generalMessage}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
