import Link from 'next/link';
import { WebClosedNotice } from '@/components/portal/web-closed-notice';
import { getSessionUser } from '@/lib/auth/session';
import { getRequestCenterSettings, publicCenterInfo } from '@/lib/settings/queries';

export default async function HomePage() {
  const [center, user] = await Promise.all([getRequestCenterSettings().then(publicCenterInfo), getSessionUser()]);
  const patient = user?.kind === 'patient' ? user : null;
  return (
    <div className="space-y-6">
      <section className="flex flex-col items-center gap-3 text-center">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/logo.svg" alt={`Logo de ${center.centerName}`} width={72} height={72} />
        <h1 className="text-2xl font-bold text-brand-800">Bienvenido al portal de Turnos de {center.centerName}</h1>
        {center.homePhrase && <p className="text-lg text-slate-700">{center.homePhrase}</p>}
      </section>

      {!center.webEnabled && <WebClosedNotice phones={center.contactPhones} hours={center.contactHours} />}

      {patient ? (
        <section className="rounded-lg bg-white p-5 shadow-sm">
          <h2 className="text-lg font-semibold">Hola, {patient.name}</h2>
          <p className="mt-1 text-slate-700">Desde el menú puede ver sus turnos y los datos del centro.</p>
          <Link href="/mis-turnos" className="mt-4 inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-800">
            Mis Turnos
          </Link>
        </section>
      ) : (
        center.webEnabled && (
          <div className="grid gap-4 sm:grid-cols-2">
            <section className="flex flex-col rounded-lg bg-white p-5 shadow-sm">
              <h2 className="text-lg font-semibold">Ya Soy Usuario</h2>
              <p className="mt-1 flex-1 text-slate-700">
                Ingrese en esta opción si ya está registrado en la web de {center.centerName} y tiene generado su Usuario y
                Contraseña
              </p>
              <Link href="/ingresar" className="mt-4 rounded-lg bg-brand-700 px-5 py-3 text-center font-semibold text-white hover:bg-brand-800">
                Ingresar &gt;
              </Link>
            </section>
            <section className="flex flex-col rounded-lg bg-white p-5 shadow-sm">
              <h2 className="text-lg font-semibold">Nunca me di de Alta en esta Web</h2>
              <p className="mt-1 flex-1 text-slate-700">
                Si es paciente de {center.centerName} pero nunca generó su usuario web, o nunca se atendió con nosotros, ingrese
                en esta opción para generar su Usuario y Contraseña
              </p>
              <Link href="/registrarse" className="mt-4 rounded-lg border-2 border-brand-700 px-5 py-3 text-center font-semibold text-brand-700 hover:bg-brand-50">
                Registrarse &gt;
              </Link>
            </section>
          </div>
        )
      )}
    </div>
  );
}
