import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { staffRouteAccess } from '@/lib/admin/route-access';
import { writeAudit } from '@/lib/audit/log';
import { currentStaffStanding, getSessionUser } from '@/lib/auth/session';
import { clientIp } from '@/lib/auth/throttle';
import { exportHeaders, type ExportFormat } from '@/lib/export/stream';
import { exportSendList, sendListFileName } from '@/lib/reminders/send-list-export';
import { getBatch } from '@/lib/reminders/send-lists';
import { getCenterSettings } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** ENVIAR MAIL/SMS: "Previo al envío puede exportarse el listado". Every row, CSV or XLSX. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const db = getDb();
  const access = await staffRouteAccess(await getSessionUser(), currentStaffStanding, ['admin', 'reception']);
  if (!access.ok) return plain(access.status, access.message);
  const { id } = await params;
  const batch = /^\d{1,9}$/.test(id) ? await getBatch(db, Number(id)) : null;
  if (!batch) return plain(404, 'Ese envío no existe.');
  const format: ExportFormat = request.nextUrl.searchParams.get('formato') === 'xlsx' ? 'xlsx' : 'csv';
  const { timeZone } = await getCenterSettings(db);
  await writeAudit(db, { kind: 'staff', staffId: access.staff.staffId, label: access.staff.username }, {
    action: 'message_batch.export',
    entity: 'message_batch',
    entityId: String(batch.id),
    after: { format },
    ip: clientIp(request.headers),
  });
  return new Response(exportSendList(db, batch, format, timeZone), { headers: exportHeaders(format, sendListFileName(batch.id, format, new Date(), timeZone)) });
}
