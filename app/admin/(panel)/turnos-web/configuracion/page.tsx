import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { SettingsForm } from '@/components/admin/settings-form';
import { requireStaff } from '@/lib/auth/session';
import { saveCenterSettings } from '@/lib/settings/actions';
import { getCenterSettings } from '@/lib/settings/queries';
import { centerSettingsSchema } from '@/lib/settings/schema';

export const metadata: Metadata = { title: 'Configuración básica' };

export default async function SettingsPage() {
  await requireStaff('admin');
  const settings = await getCenterSettings(getDb());
  // Exactly the form's fields, nothing else of the row.
  const defaults = centerSettingsSchema.parse(settings);
  const zones = Intl.supportedValuesOf('timeZone');
  const timeZones = [...zones.filter((z) => z.startsWith('America/Argentina/')), ...zones.filter((z) => !z.startsWith('America/Argentina/'))];
  if (!timeZones.includes(defaults.timeZone)) timeZones.unshift(defaults.timeZone);
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Configuración básica</h1>
      <p className="text-slate-700">TURNOS WEB → Configuración básica. Los cambios se aplican en la web al guardar.</p>
      <SettingsForm defaults={defaults} timeZones={timeZones} save={saveCenterSettings} />
    </main>
  );
}
