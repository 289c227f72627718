import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/admin/catalog/action-button';
import { CatalogPage, Row, SavedNotice } from '@/components/admin/catalog/list-parts';
import { plainButton, primaryButton } from '@/components/admin/catalog/styles';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate } from '@/lib/time/format';
import { sendWebPatientLinkAction } from '@/lib/web-patients/actions';
import { listWebPatients, type WebPatientStatus } from '@/lib/web-patients/web-patients';

export const metadata: Metadata = { title: 'Pacientes web' };
const BASE = '/admin/turnos-web/pacientes';
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/** TURNOS WEB → PACIENTES: every web user, active or not. */
export default async function WebPatientsPage({ searchParams }: { searchParams: Search }) {
  await requireStaff();
  const s = await searchParams;
  const q = one(s.q).slice(0, 80);
  const status = (['active', 'pending', 'disabled'].includes(one(s.estado)) ? one(s.estado) : 'all') as WebPatientStatus;
  const db = getDb();
  const [{ rows, nextBefore }, settings] = await Promise.all([
    listWebPatients(db, { q, status, before: Number(one(s.antes)) || undefined }),
    getCenterSettings(db),
  ]);
  const input = 'mt-1 block min-h-11 rounded-lg border border-slate-400 bg-white px-3';
  return (
    <CatalogPage
      title="Pacientes web"
      intro={<p>Los pacientes dados de alta en la web, estén activados o no. Desde aquí puede activarlos, corregir su DNI, mail o contraseña, deshabilitarlos y reenviarles los mails.</p>}
    >
      <SavedNotice show={s.guardado === '1'} />
      <div className="flex flex-wrap items-end gap-3">
        <form action={BASE} role="search" className="flex flex-1 flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1">
            <label htmlFor="q" className="block font-medium">
              Buscar por DNI, nombre o mail
            </label>
            <input id="q" name="q" type="search" defaultValue={q} className={`${input} w-full`} />
          </div>
          <div>
            <label htmlFor="estado" className="block font-medium">
              Estado
            </label>
            <select id="estado" name="estado" defaultValue={status} className={input}>
              <option value="all">Todos</option>
              <option value="active">Activados</option>
              <option value="pending">Sin activar</option>
              <option value="disabled">Deshabilitados</option>
            </select>
          </div>
          <button type="submit" className={plainButton}>
            Buscar
          </button>
        </form>
        <Link href={`${BASE}/alta`} className={primaryButton}>
          ALTA EN WEB
        </Link>
      </div>
      {rows.length === 0 && <p className="rounded-lg bg-white p-4 shadow-sm">No hay pacientes web para esta búsqueda.</p>}
      <ul className="space-y-3" aria-label="Pacientes web">
        {rows.map((p) => (
          <Row
            key={p.accountId}
            title={`${p.name} · DNI ${p.dni}`}
            actions={
              <>
                <Link href={`${BASE}/${p.accountId}`} className={plainButton}>
                  MODIFICAR ACTIVACION/CONTRASEÑA<span className="sr-only"> de {p.name}</span>
                </Link>
                {!p.activatedAt && p.email && (
                  <ActionButton action={sendWebPatientLinkAction} input={{ id: p.accountId, kind: 'activation' }} label="Reenviar activación" context={p.name} />
                )}
              </>
            }
          >
            <p className="text-sm text-slate-700">
              {p.email || 'sin mail'} · alta {formatDate(p.createdAt, settings.timeZone)}
              {p.lastLoginAt ? ` · último ingreso ${formatDate(p.lastLoginAt, settings.timeZone)}` : ''}
            </p>
            <p className="text-sm">
              {p.disabled ? (
                <strong className="rounded bg-red-100 px-2 text-red-900">DESHABILITADO</strong>
              ) : p.activatedAt ? (
                <strong className="rounded bg-green-100 px-2 text-green-900">ACTIVADO</strong>
              ) : (
                <strong className="rounded bg-amber-100 px-2 text-amber-900">SIN ACTIVAR</strong>
              )}
              {p.disabled && p.observation ? <span className="ml-2 whitespace-pre-line text-slate-700">{p.observation}</span> : null}
            </p>
          </Row>
        ))}
      </ul>
      {nextBefore && (
        <Link href={`${BASE}?${new URLSearchParams({ q, estado: status, antes: String(nextBefore) })}`} className={plainButton}>
          Más ›
        </Link>
      )}
    </CatalogPage>
  );
}
