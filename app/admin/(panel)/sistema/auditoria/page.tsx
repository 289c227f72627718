import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/session';
import { changedFields, listAudit, listAuditEntities, type AuditFilters } from '@/lib/audit/queries';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate, formatTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Auditoría' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const isDate = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const actorLabels = { staff: 'Personal', patient: 'Paciente', system: 'Sistema' } as const;

/** Who changed what and when, with the values before and after. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('admin');
  const s = await searchParams;
  const db = getDb();
  const settings = await getCenterSettings(db);
  const kind = one(s.quien);
  const filters: AuditFilters = {
    from: isDate(one(s.desde)),
    to: isDate(one(s.hasta)),
    actorKind: kind === 'staff' || kind === 'patient' || kind === 'system' ? kind : undefined,
    entity: one(s.entidad),
    text: one(s.texto)?.slice(0, 80),
    before: Number(one(s.antes)) || undefined,
  };
  const [{ rows, nextBefore }, entities] = await Promise.all([listAudit(db, filters, settings.timeZone), listAuditEntities(db)]);
  const tz = settings.timeZone;
  const next = new URLSearchParams(Object.entries({ desde: filters.from, hasta: filters.to, quien: filters.actorKind, entidad: filters.entity, texto: filters.text, antes: nextBefore ?? undefined }).flatMap(([k, v]) => (v ? [[k, String(v)]] : [])));
  const input = 'mt-1 block min-h-11 rounded-lg border border-slate-400 bg-white px-2';
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold text-brand-800">Auditoría</h1>
      <form action="/admin/sistema/auditoria" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm">
        <label className="text-sm font-medium">
          Desde
          <input type="date" name="desde" defaultValue={filters.from} className={input} />
        </label>
        <label className="text-sm font-medium">
          Hasta
          <input type="date" name="hasta" defaultValue={filters.to} className={input} />
        </label>
        <label className="text-sm font-medium">
          Quién
          <select name="quien" defaultValue={filters.actorKind ?? ''} className={input}>
            <option value="">Todos</option>
            <option value="staff">Personal</option>
            <option value="patient">Pacientes</option>
            <option value="system">Sistema</option>
          </select>
        </label>
        <label className="text-sm font-medium">
          Qué
          <select name="entidad" defaultValue={filters.entity ?? ''} className={input}>
            <option value="">Todo</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Acción, usuario o nº
          <input name="texto" defaultValue={filters.text} className={input} />
        </label>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white">
          Filtrar
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Registro de auditoría, del más nuevo al más viejo</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">Fecha y hora</th>
              <th scope="col" className="px-3 py-2">Quién</th>
              <th scope="col" className="px-3 py-2">Acción</th>
              <th scope="col" className="px-3 py-2">Sobre</th>
              <th scope="col" className="px-3 py-2">Cambios</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-4">
                  No hay registros para estos filtros.
                </td>
              </tr>
            )}
            {rows.map((r) => {
              const changes = changedFields(r.before, r.after);
              return (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-3 py-2">
                    {formatDate(r.at, tz)} {formatTime(r.at, tz)}
                  </td>
                  <td className="px-3 py-2">
                    {actorLabels[r.actorKind]} {r.actorLabel || (r.actorId ? `#${r.actorId}` : '')}
                    {r.ip && <span className="block text-xs text-slate-500">IP {r.ip}</span>}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
                  <td className="px-3 py-2">
                    {r.entity} {r.entityId && `#${r.entityId}`}
                  </td>
                  <td className="px-3 py-2">
                    {changes.length === 0 ? (
                      '—'
                    ) : (
                      <details>
                        <summary className="cursor-pointer">{changes.length} campo(s)</summary>
                        <ul className="mt-1 space-y-1 text-xs">
                          {changes.slice(0, 40).map((c) => (
                            <li key={c.field} className="break-words">
                              <strong>{c.field}</strong>: {c.before.slice(0, 200)} → {c.after.slice(0, 200)}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {nextBefore && (
        <Link href={`/admin/sistema/auditoria?${next}`} className="inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">
          Más antiguos ›
        </Link>
      )}
    </main>
  );
}
