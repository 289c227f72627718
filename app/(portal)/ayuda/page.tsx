import type { Metadata } from 'next';
import { getRequestCenterSettings } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Ayuda' };

export default async function HelpPage() {
  const s = await getRequestCenterSettings();
  return (
    <article className="space-y-5 text-slate-800">
      <h1 className="text-2xl font-bold text-brand-800">Ayuda</h1>
      <section>
        <h2 className="text-lg font-semibold">Cómo ingresar</h2>
        <p>
          La primera vez, elija <strong>Registrarse</strong> e ingrese el DNI de la persona que va a atenderse. Le enviaremos un
          mail para activar su usuario. Después, ingrese siempre con su DNI y su contraseña desde <strong>Ingresar</strong>.
        </p>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Cómo tomar un turno</h2>
        <p>
          En <strong>Tomar Turno</strong> elija {s.selectionMode === 'study' ? 'el estudio' : 'la especialidad'} o directamente el
          profesional, y oprima <strong>Ver Profesionales</strong>. Los horarios en verde están libres y los grises ocupados. Elija
          un horario libre y confirme el turno: le llegará un mail con los datos y podrá imprimir el recordatorio.
        </p>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Cómo cancelar</h2>
        <p>
          En <strong>Mis Turnos</strong>, oprima <strong>Cancelar</strong> sobre el turno y confirme. Los turnos se pueden cancelar
          por internet hasta {s.cancelCutoffHours} horas antes; después, comuníquese con el centro
          {s.contactPhones ? ` al ${s.contactPhones}` : ''}.
        </p>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Límites de turnos por internet</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>Hasta {s.maxPerDaySpecialtyProfessional} turno(s) por día con el mismo profesional y especialidad.</li>
          <li>Hasta {s.maxFuturePerPatient} turnos a futuro sin cancelar por paciente.</li>
          <li>Hasta {s.maxFuturePerIp} turnos a futuro sin cancelar desde la misma computadora o teléfono.</li>
          <li>Los turnos se toman con al menos {s.minBookingNoticeHours} horas de anticipación.</li>
        </ul>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Seguridad</h2>
        <p>
          Si no usa la web durante {s.patientIdleMinutes} minutos, la sesión se cierra sola y deberá ingresar nuevamente.
        </p>
      </section>
    </article>
  );
}
