import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { staffRouteAccess } from '@/lib/admin/route-access';
import { currentStaffStanding, getSessionUser } from '@/lib/auth/session';
import { clientIp } from '@/lib/auth/throttle';
import { parseId } from '@/lib/catalog/admin-queries';
import { exportPatientData, patientExportFileName, type ExportFormat } from '@/lib/patients/export';
import { patientExportHtml } from '@/lib/patients/export-html';

export const dynamic = 'force-dynamic';

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * Sistema → Pacientes → Exportar datos del paciente (Ley 25.326, right of access): JSON to
 * download, or `?formato=html` for the printable page. Administrators only: the whole record of a
 * patient leaving the system is the data controller's answer to a formal request, not a desk
 * task; each export is audited (who, whose, when, format).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const db = getDb();
  const access = await staffRouteAccess(await getSessionUser(), currentStaffStanding, ['admin']);
  if (!access.ok) return plain(access.status, access.message);
  const patientId = parseId((await params).id);
  const format: ExportFormat = request.nextUrl.searchParams.get('formato') === 'html' ? 'html' : 'json';
  const data =
    patientId === null
      ? null
      : await exportPatientData(db, patientId, format, { staffId: access.staff.staffId, username: access.staff.username, ip: clientIp(request.headers) });
  if (!data) return plain(404, 'Ese paciente no existe.');
  const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'html') {
    return new Response(patientExportHtml(data), { headers: { ...common, 'content-type': 'text/html; charset=utf-8' } });
  }
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...common,
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${patientExportFileName(data, 'json')}"`,
    },
  });
}
