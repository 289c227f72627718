import Link from 'next/link';
import { FieldError } from '@/components/forms/field-error';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import type { Choice } from '@/lib/appointments/web-listing-choices';
import { PARAM, STUDY_PREFIX, type ParsedWebListingQuery, type WebListingField } from '@/lib/appointments/web-listing-params';

const input = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3';

/**
 * The filters of "Listado de Turnos dados por Sistema Web", as a plain GET form: they live in the
 * URL, survive a reload, work without JavaScript, and the export links carry the same ones.
 */
export function WebListingFilterForm({
  action,
  query,
  choices,
}: {
  action: string;
  query: ParsedWebListingQuery;
  choices: { specialties: Choice[]; studies: Choice[]; professionals: Choice[]; insurers: Choice[] };
}) {
  const { raw, errors } = query;
  const value = (key: string) => raw[key] ?? '';
  const describe = (id: string, field: WebListingField) => ({
    id,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': `${id}-error`,
  });
  const dateField = (field: 'bookedFrom' | 'bookedTo' | 'startsFrom' | 'startsTo', label: string) => {
    const id = `f-${PARAM[field]}`;
    return (
      <div>
        <label htmlFor={id} className="block font-medium">
          {label}
        </label>
        <input type="date" name={PARAM[field]} defaultValue={value(PARAM[field])} className={input} {...describe(id, field)} />
        <FieldError id={`${id}-error`} message={errors[field]} />
      </div>
    );
  };
  const option = (c: Choice, valuePrefix = '') => (
    <option key={c.id} value={`${valuePrefix}${c.id}`}>
      {c.name}
      {c.active ? '' : ' (dado de baja)'}
    </option>
  );
  return (
    <form action={action} aria-label="Filtros del listado" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <div className="grid gap-3 md:grid-cols-2">
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="font-semibold text-brand-800">FECHA DE OTORGAMIENTO</legend>
          {dateField('bookedFrom', 'Desde')}
          {dateField('bookedTo', 'Hasta')}
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="font-semibold text-brand-800">FECHA DEL TURNO</legend>
          {dateField('startsFrom', 'Desde')}
          {dateField('startsTo', 'Hasta')}
        </fieldset>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="f-especialidad" className="block font-medium">
            ESPECIALIDAD
          </label>
          <select id="f-especialidad" name={PARAM.specialty} defaultValue={value(PARAM.specialty)} className={input}>
            <option value="">Todas</option>
            {choices.studies.length > 0 ? (
              <>
                <optgroup label="Especialidades">{choices.specialties.map((c) => option(c))}</optgroup>
                <optgroup label="Estudios">{choices.studies.map((c) => option(c, STUDY_PREFIX))}</optgroup>
              </>
            ) : (
              choices.specialties.map((c) => option(c))
            )}
          </select>
        </div>
        <div>
          <label htmlFor="f-profesional" className="block font-medium">
            PROFESIONAL
          </label>
          <select id="f-profesional" name={PARAM.professionalId} defaultValue={value(PARAM.professionalId)} className={input}>
            <option value="">Todos</option>
            {choices.professionals.map((c) => option(c))}
          </select>
        </div>
        <div>
          <label htmlFor="f-obra-social" className="block font-medium">
            OBRA SOCIAL
          </label>
          <select id="f-obra-social" name={PARAM.insurerId} defaultValue={value(PARAM.insurerId)} className={input}>
            <option value="">Todas</option>
            {choices.insurers.map((c) => option(c))}
          </select>
        </div>
        <div>
          <label htmlFor="f-estado" className="block font-medium">
            ESTADO
          </label>
          <select id="f-estado" name={PARAM.status} defaultValue={value(PARAM.status)} className={input}>
            <option value="">Todos</option>
            <option value="reservado">Reservado</option>
            <option value="presente">Presente</option>
            <option value="ausente">Ausente</option>
            <option value="cancelado">Cancelado</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-buscar" className="block font-medium">
            Paciente (DNI o apellido y nombre)
          </label>
          <input type="search" name={PARAM.text} defaultValue={value(PARAM.text)} maxLength={80} className={input} {...describe('f-buscar', 'text')} />
          <FieldError id="f-buscar-error" message={errors.text} />
        </div>
        <div>
          <label htmlFor="f-orden" className="block font-medium">
            Ordenar por
          </label>
          <select id="f-orden" name={PARAM.order} defaultValue={value(PARAM.order)} className={input}>
            <option value="">FECHA DE OTORGAMIENTO (más recientes primero)</option>
            <option value="turno">FECHA DEL TURNO (por día y hora)</option>
          </select>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton}>
          Filtrar
        </button>
        <Link href={action} className={plainButton}>
          Limpiar filtros
        </Link>
      </div>
    </form>
  );
}
