import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { exportWebAppointments, type ExportFormat } from '@/lib/appointments/web-export';
import type { WebListingFilters } from '@/lib/appointments/web-listing';
import { at, createTestCenter, NOW, TZ, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

/** RFC 4180 with `;`, the way Excel reads it back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function download(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describeEachEngine('web listing export', (getCtx) => {
  let c: TestCenter;
  const HEADER = ['N° TURNO', 'FECHA DE OTORGAMIENTO', 'FECHA DEL TURNO', 'HORA', 'PACIENTE', 'DNI', 'PROFESIONAL', 'ESPECIALIDAD / ESTUDIO', 'OBRA SOCIAL', 'ESTADO', 'MOTIVO', 'FECHA DE CANCELACION', 'CANCELADO POR'];
  const REASONS = ['=HYPERLINK("http://evil.example","clic")', '+54 11 4444-4444', '-2+3', '@SUM(A1:A2)', 'Dolor; fiebre y "mareos"\nhace 2 días', 'Control anual'];

  /** 08:00, 08:20, 08:40, 09:00 ... on the 25th. */
  const slot = (i: number) => at('2026-11-25', `${String(8 + Math.floor(i / 3)).padStart(2, '0')}:${['00', '20', '40'][i % 3]}`);

  beforeEach(async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const [ibanez] = await db.insert(s.patients).values({ dni: '25123456', lastName: 'IBAÑEZ', firstName: 'JOSÉ MARÍA' }).returning({ id: s.patients.id });
    // Seven web turnos of one professional on the 25th (one per reason, plus a cancelled one),
    // one of the other professional, one staff turno and one deleted: only the first seven match.
    const rows: s.NewAppointment[] = REASONS.map((reason, i) => ({
      professionalId: c.professionalId,
      patientId: ibanez.id,
      specialtyId: c.specialtyId,
      insurerId: c.insurerId,
      startsAt: slot(i),
      endsAt: slot(i + 1),
      source: 'web',
      reason,
      createdAt: new Date(NOW.getTime() - i * 60_000),
    }));
    rows.push({ ...rows[0], startsAt: at('2026-11-25', '11:00'), endsAt: at('2026-11-25', '11:20'), createdAt: new Date(NOW.getTime() - 10 * 60_000), reason: '', status: 'cancelled', cancelledAt: at('2026-11-23', '10:15'), cancelOrigin: 'web' });
    rows.push({ ...rows[0], professionalId: c.secondProfessionalId, reason: 'otro profesional' });
    rows.push({ ...rows[0], startsAt: at('2026-11-25', '11:20'), endsAt: at('2026-11-25', '11:40'), source: 'staff', reason: 'de recepción' });
    rows.push({ ...rows[0], startsAt: at('2026-11-25', '11:40'), endsAt: at('2026-11-25', '12:00'), deletedAt: NOW, reason: 'borrado' });
    await db.insert(s.appointments).values(rows);
  });

  const exportOf = (format: ExportFormat) => {
    const filters: WebListingFilters = { professionalId: c.professionalId, startsFrom: '2026-11-25', startsTo: '2026-11-25' };
    return download(exportWebAppointments(getCtx().db, filters, format, { timeZone: TZ, batchSize: 2 }));
  };

  it('CSV: UTF-8 with BOM, ";" separated, every filtered row across batches, accents intact, formulas neutralised', async () => {
    const bytes = await exportOf('csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const table = parseCsv(text);
    expect(table[0]).toEqual(HEADER);
    const body = table.slice(1);
    expect(body).toHaveLength(7);
    expect(body.every((r) => r.length === HEADER.length)).toBe(true);
    // Newest booking first, like the page; the local dates and times of Buenos Aires.
    expect(body[0]).toEqual([expect.stringMatching(/^\d+$/), '23/11/2026 09:00', '25/11/2026', '08:00', 'IBAÑEZ JOSÉ MARÍA', '25123456', 'GONZALEZ JOSE', 'CARDIOLOGIA', 'OSDE', 'Reservado', "'=HYPERLINK(\"http://evil.example\",\"clic\")", '', '']);
    expect(body.map((r) => r[10]).slice(0, 6)).toEqual(["'=HYPERLINK(\"http://evil.example\",\"clic\")", "'+54 11 4444-4444", "'-2+3", "'@SUM(A1:A2)", 'Dolor; fiebre y "mareos"\nhace 2 días', 'Control anual']);
    const cancelled = body.find((r) => r[9] === 'Cancelado')!;
    expect(cancelled.slice(11)).toEqual(['23/11/2026 10:15', 'El paciente (web)']);
    expect(text).not.toMatch(/otro profesional|de recepción|borrado/);
  });

  it('XLSX: a valid workbook with the same rows, real dates, and formula-looking text kept as text', async () => {
    const files = unzipSync(await exportOf('xlsx'));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet.match(/<row /g)).toHaveLength(8);
    expect(sheet).toContain('<t>IBAÑEZ JOSÉ MARÍA</t>');
    // quotePrefix (style 5) is what Excel stores for a typed leading apostrophe; the text itself is intact.
    expect(sheet).toMatch(/<c r="K2" t="inlineStr" s="5"><is><t>=HYPERLINK\(&quot;http:\/\/evil.example&quot;,&quot;clic&quot;\)<\/t><\/is><\/c>/);
    expect(sheet).toMatch(/<c r="K5" t="inlineStr" s="5"><is><t>@SUM\(A1:A2\)<\/t>/);
    expect(sheet).toMatch(/<c r="K7" t="inlineStr"><is><t>Control anual<\/t>/);
    // 25/11/2026 as an Excel date (serial 46351), 08:00 as a time (1/3 of a day).
    expect(sheet).toContain('<c r="C2" s="2"><v>46351</v></c>');
    expect(sheet).toMatch(/<c r="D2" s="4"><v>0\.333333/);
    expect(sheet).not.toMatch(/otro profesional|de recepción|borrado/);
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="Turnos Web"');
  });
});
