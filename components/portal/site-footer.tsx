import type { PublicCenterInfo } from '@/lib/settings/queries';

/** The manual's contact footer: it appears on every portal page. */
export function SiteFooter({ center }: { center: PublicCenterInfo }) {
  return (
    <footer className="mt-auto border-t border-slate-200 bg-white print:hidden">
      <div className="mx-auto max-w-3xl px-4 py-6 text-sm text-slate-700">
        <p className="font-semibold text-slate-900">{center.centerName}</p>
        {center.contactPhones && <p>Teléfono: {center.contactPhones}</p>}
        {center.contactHours && <p>Horario de Contacto: {center.contactHours}</p>}
        {center.contactEmail && (
          <p>
            E-Mail:{' '}
            <a className="text-brand-700 underline" href={`mailto:${center.contactEmail}`}>
              {center.contactEmail}
            </a>
          </p>
        )}
      </div>
    </footer>
  );
}
