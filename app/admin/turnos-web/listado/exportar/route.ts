import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { staffRouteAccess } from '@/lib/admin/route-access';
import { exportFileName, exportWebAppointments, type ExportFormat } from '@/lib/appointments/web-export';
import { exportHeaders } from '@/lib/export/stream';
import { parseWebListingQuery } from '@/lib/appointments/web-listing-params';
import { writeAudit } from '@/lib/audit/log';
import { currentStaffStanding, getSessionUser } from '@/lib/auth/session';
import { clientIp } from '@/lib/auth/throttle';
import { getCenterSettings } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * The filtered "Listado de Turnos dados por Sistema Web" as CSV or XLSX: every matching row, not
 * just the page on screen, streamed batch by batch. Same filters as the page (its query string).
 */
export async function GET(request: NextRequest) {
  const db = getDb();
  const access = await staffRouteAccess(await getSessionUser(), currentStaffStanding, ['admin', 'reception']);
  if (!access.ok) return plain(access.status, access.message);

  const params = request.nextUrl.searchParams;
  const format: ExportFormat = params.get('formato') === 'xlsx' ? 'xlsx' : 'csv';
  const { filters, errors } = parseWebListingQuery(params);
  const firstError = Object.values(errors)[0];
  if (firstError) return plain(400, `Revise los filtros: ${firstError}`);

  const { timeZone } = await getCenterSettings(db);
  // Patients' data leaving the system: who took which list, and when.
  await writeAudit(db, { kind: 'staff', staffId: access.staff.staffId, label: access.staff.username }, {
    action: 'appointment.export',
    entity: 'appointment',
    entityId: '',
    after: { format, filters },
    ip: clientIp(request.headers),
  });
  const name = exportFileName(format, new Date(), timeZone);
  return new Response(exportWebAppointments(db, filters, format, { timeZone }), { headers: exportHeaders(format, name) });
}
