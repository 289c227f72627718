import { redirect } from 'next/navigation';
import { bookingHref, parseBookingParams } from '@/lib/booking/params';

/** The "directly a professional" form lands here; the agenda lives at /tomar-turno/agenda/<id>. */
export default async function AgendaRedirect({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const id = Number(Array.isArray(search.profesional) ? search.profesional[0] : search.profesional);
  if (!Number.isInteger(id) || id <= 0) redirect('/tomar-turno');
  const params = parseBookingParams(search);
  redirect(bookingHref(`/tomar-turno/agenda/${id}`, { cambiar: params.cambiar }));
}
