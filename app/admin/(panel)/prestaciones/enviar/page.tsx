import type { Metadata } from 'next';
import Link from 'next/link';
import { asc, eq } from 'drizzle-orm';
import { SendListForm } from '@/components/admin/reminders/send-list-form';
import { CatalogPage } from '@/components/admin/catalog/list-parts';
import { getDb } from '@/db/client';
import { messageTemplates } from '@/db/schema';
import { listWebListingChoices } from '@/lib/appointments/web-listing-choices';
import { requireStaff } from '@/lib/auth/session';
import { addDaysToDate } from '@/lib/availability/slots';
import { localToday } from '@/lib/availability/queries';
import { buildSendListAction } from '@/lib/reminders/send-actions';
import { SEND_PATH } from '@/lib/reminders/send-list-schema';
import { listRecentBatches } from '@/lib/reminders/send-lists';
import { getCenterSettings } from '@/lib/settings/queries';
import { formatDate, formatTime } from '@/lib/time/format';
import { BatchStatusText } from '@/components/admin/reminders/batch-status';

export const metadata: Metadata = { title: 'Enviar mail/SMS' };

/** PRESTACIONES → MODULOS DE ENVIO DE MAILS → ENVIOS Y REPORTES → ENVIAR MAIL/SMS. */
export default async function SendPage() {
  await requireStaff(['admin', 'reception']);
  const db = getDb();
  const [center, templates, choices, recent] = await Promise.all([
    getCenterSettings(db),
    db
      .select({ id: messageTemplates.id, title: messageTemplates.title, channel: messageTemplates.channel })
      .from(messageTemplates)
      .where(eq(messageTemplates.active, true))
      .orderBy(asc(messageTemplates.title)),
    listWebListingChoices(db),
    listRecentBatches(db),
  ]);
  const tomorrow = addDaysToDate(localToday(new Date(), center.timeZone), 1);
  const active = <T extends { active: boolean }>(rows: T[]) => rows.filter((r) => r.active);
  return (
    <CatalogPage
      title="Enviar mail/SMS"
      intro={
        <p>
          Elija la plantilla y a quiénes enviarla, y oprima GENERAR LISTADO. Antes de enviar podrá revisar el listado, exportarlo y quitar
          registros. Se recomienda hacerlo una o dos veces por semana.
        </p>
      }
    >
      {templates.length === 0 ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-3">
          No hay plantillas activas. Cree una en <Link href="/admin/prestaciones/plantillas" className="font-semibold text-brand-700 underline">Plantillas</Link>.
        </p>
      ) : (
        <SendListForm
          templates={templates}
          insurers={active(choices.insurers)}
          specialties={active(choices.specialties)}
          professionals={active(choices.professionals)}
          defaults={{ from: tomorrow, to: addDaysToDate(tomorrow, 6) }}
          build={buildSendListAction}
        />
      )}
      <section aria-labelledby="envios-anteriores" className="space-y-2">
        <h2 id="envios-anteriores" className="text-lg font-semibold text-brand-800">
          Envíos anteriores
        </h2>
        {recent.length === 0 ? (
          <p className="text-slate-700">Todavía no se preparó ningún envío.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
            {recent.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <Link href={`${SEND_PATH}/${b.id}`} className="font-semibold text-brand-700 underline">
                    Envío N° {b.id}: {b.templateTitle ?? '(plantilla borrada)'} ({b.channel === 'email' ? 'Mail' : 'SMS'})
                  </Link>
                  <p className="text-sm text-slate-600">
                    {formatDate(b.createdAt, center.timeZone)} {formatTime(b.createdAt, center.timeZone)} · {b.staffUsername ?? ''} · {b.counts.total}{' '}
                    {b.counts.total === 1 ? 'registro' : 'registros'}
                  </p>
                </div>
                <BatchStatusText status={b.status} counts={b.counts} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </CatalogPage>
  );
}
