'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/field-error';
import type { ActionResult } from '@/lib/admin/staff-action';
import { centerSettingsSchema, type CenterSettingsField, type CenterSettingsInput } from '@/lib/settings/schema';
import { CheckboxField, Fieldset, TextField } from './form-controls';

type Props = {
  defaults: CenterSettingsInput;
  timeZones: string[];
  save: (input: unknown) => Promise<ActionResult>;
};

/** CONFIGURACION BASICA: the manual's screen, field by field, with its help texts. */
export function SettingsForm({ defaults, timeZones, save }: Props) {
  const form = useForm({ resolver: zodResolver(centerSettingsSchema), defaultValues: defaults, mode: 'onBlur' });
  const { register, handleSubmit, setError, formState } = form;
  const errors = formState.errors;
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      const answer = await save(values);
      if (answer.ok) {
        setResult({ ok: true, message: 'Configuración guardada. Ya se aplica en la web.' });
        return;
      }
      setResult({ ok: false, message: answer.error });
      for (const [field, message] of Object.entries(answer.fieldErrors ?? {})) {
        setError(field as CenterSettingsField, { message });
      }
    }),
  );

  const num = (name: CenterSettingsField) => register(name);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {result && !result.ok && <FormError message={result.message} />}
      <Fieldset legend="Activación">
        <CheckboxField
          id="webEnabled"
          label="ACTIVAR?"
          help="Destildando esta opción nadie podrá ingresar a la Web para otorgar los turnos."
          registration={register('webEnabled')}
        />
      </Fieldset>
      <Fieldset legend="Datos Básicos">
        <TextField id="centerName" label="Nombre Centro Médico" error={errors.centerName} registration={register('centerName')} />
        <TextField
          id="homePhrase"
          label="Frase Inicio"
          help="Lo que escriba aquí aparecerá en la página inicial de la Web."
          error={errors.homePhrase}
          registration={register('homePhrase')}
        />
        <TextField
          id="webAddress"
          label="Dirección WEB"
          help="Debe completar la dirección exacta de su página Web para los Turnos por Internet (se usa en los mails)."
          inputMode="url"
          error={errors.webAddress}
          registration={register('webAddress')}
        />
      </Fieldset>
      <Fieldset legend="Datos de Contacto">
        <p className="text-sm text-slate-600">Aparecerán en la Web y en los mails automáticos enviados a los Pacientes.</p>
        <TextField id="contactEmail" label="E-Mail" inputMode="email" error={errors.contactEmail} registration={register('contactEmail')} />
        <TextField id="contactPhones" label="Teléfonos" error={errors.contactPhones} registration={register('contactPhones')} />
        <TextField id="contactHours" label="Horario de Contacto" error={errors.contactHours} registration={register('contactHours')} />
      </Fieldset>
      <Fieldset legend="Usuario WEB y Tipo de Turnos">
        <p className="text-sm text-slate-600">Se recomienda dejar el usuario por default &quot;WEB&quot; en ambos casos.</p>
        <TextField id="webUsername" label="Usuario WEB" error={errors.webUsername} registration={register('webUsername')} />
        <TextField id="webAppointmentType" label="Tipo de Turno" error={errors.webAppointmentType} registration={register('webAppointmentType')} />
      </Fieldset>
      <Fieldset legend="Forma de Seleccionar Profesional">
        <div role="radiogroup" aria-label="Forma de Seleccionar Profesional" className="space-y-1">
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" value="specialty" className="h-5 w-5" {...register('selectionMode')} /> ESPECIALIDAD o PROFESIONAL
          </label>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" value="study" className="h-5 w-5" {...register('selectionMode')} /> ESTUDIO o PROFESIONAL
          </label>
        </div>
        <p className="text-sm text-slate-600">
          Por estudio: los pacientes eligen el estudio a realizarse y solo ven a los profesionales que lo hacen (centros de imágenes y
          diagnóstico).
        </p>
      </Fieldset>
      <Fieldset legend="Controles de Máximos de Turnos por Paciente">
        <TextField
          id="maxPerDaySpecialtyProfessional"
          label="Máx Turnos para Día/Espec/Prof"
          help='Turnos que podrá otorgarse el mismo Paciente con el mismo Profesional en el mismo día de atención. Se recomienda poner "1".'
          type="number"
          inputMode="numeric"
          error={errors.maxPerDaySpecialtyProfessional}
          registration={num('maxPerDaySpecialtyProfessional')}
        />
        <TextField
          id="maxFuturePerIp"
          label="Máx Turnos a Futuro Sin Cancelar misma IP"
          help="Turnos a futuro que podrán otorgarse desde la misma computadora: por ejemplo, los de una familia entera."
          type="number"
          inputMode="numeric"
          error={errors.maxFuturePerIp}
          registration={num('maxFuturePerIp')}
        />
        <TextField
          id="maxFuturePerPatient"
          label="Máx Turnos a Futuro Sin Cancelar"
          help="Turnos a futuro que puede otorgarse un mismo Paciente."
          type="number"
          inputMode="numeric"
          error={errors.maxFuturePerPatient}
          registration={num('maxFuturePerPatient')}
        />
      </Fieldset>
      <Fieldset legend="Al dar Turno">
        <CheckboxField
          id="requireReason"
          label="¿Requerir Motivo de Turno?"
          help="Si está tildado, será obligatorio para el Paciente indicar el Motivo al darse un Turno Web."
          registration={register('requireReason')}
        />
        <TextField
          id="mailPhrase"
          label="Frase Incluida en Mail"
          help="Frase que se incluirá en el mail de confirmación de Turno."
          error={errors.mailPhrase}
          registration={register('mailPhrase')}
        />
      </Fieldset>
      <Fieldset legend="Funcionamiento">
        <div>
          <label htmlFor="timeZone" className="block font-medium">
            Zona horaria del centro
          </label>
          <select id="timeZone" className="mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3" {...register('timeZone')}>
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <p className="mt-1 text-sm text-slate-600">Los horarios de las agendas y de los mails se leen en esta zona.</p>
        </div>
        <TextField
          id="minBookingNoticeHours"
          label="Anticipación mínima para tomar un turno (horas)"
          help="Los horarios que empiezan antes de este plazo no se ofrecen en la Web."
          type="number"
          inputMode="numeric"
          error={errors.minBookingNoticeHours}
          registration={num('minBookingNoticeHours')}
        />
        <TextField
          id="cancelCutoffHours"
          label="Cancelación por la Web hasta (horas antes del turno)"
          type="number"
          inputMode="numeric"
          error={errors.cancelCutoffHours}
          registration={num('cancelCutoffHours')}
        />
        <TextField
          id="patientIdleMinutes"
          label="Bloqueo de sesión de pacientes (minutos sin uso)"
          help="Si el Paciente no usa la Web durante estos minutos, deberá iniciar su sesión nuevamente."
          type="number"
          inputMode="numeric"
          error={errors.patientIdleMinutes}
          registration={num('patientIdleMinutes')}
        />
        <TextField
          id="staffIdleMinutes"
          label="Bloqueo de sesión del personal (minutos sin uso)"
          type="number"
          inputMode="numeric"
          error={errors.staffIdleMinutes}
          registration={num('staffIdleMinutes')}
        />
      </Fieldset>
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button type="submit" disabled={pending} className="min-h-12 rounded-lg bg-brand-700 px-6 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'Guardando…' : 'Guardar'}
        </button>
        <p role="status" className="font-semibold text-green-800">
          {result?.ok ? result.message : ''}
        </p>
      </div>
    </form>
  );
}
