import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from '@/lib/export/cells';
import { csvHeader, csvLine } from '@/lib/export/csv';
import { columnName, escapeXml, excelSerial, XlsxWriter } from '@/lib/export/xlsx';

describe('export writers', () => {
  it('neutralises what a spreadsheet would run as a formula, and nothing else', () => {
    for (const v of ['=1+1', '+54 11', '-2', '@SUM(A1)', '\t=1', '\r=1']) expect(looksLikeFormula(v)).toBe(true);
    for (const v of ['PEREZ', '30111222', ' =1', 'a=b', '']) expect(looksLikeFormula(v)).toBe(false);
    expect(neutraliseFormula('=cmd|/C calc!A0')).toBe("'=cmd|/C calc!A0");
  });

  it('CSV: BOM only in the header, ";" between fields, RFC 4180 quoting, CRLF, local dates as dd/MM/yyyy', () => {
    expect(csvHeader(['FECHA', 'PACIENTE'])).toBe('\uFEFFFECHA;PACIENTE\r\n');
    expect(
      csvLine([
        { kind: 'datetime', value: { date: '2026-11-23', time: '09:05' } },
        { kind: 'date', value: '2026-11-25' },
        { kind: 'time', value: '08:00' },
        { kind: 'text', value: 'NUÑEZ; "TITO"' },
        { kind: 'text', value: 'línea 1\nlínea 2' },
        { kind: 'text', value: '=1+1' },
        { kind: 'empty' },
      ]),
    ).toBe('23/11/2026 09:05;25/11/2026;08:00;"NUÑEZ; ""TITO""";"línea 1\nlínea 2";\'=1+1;\r\n');
  });

  it('XLSX helpers: column letters, Excel serial days, XML escaping without control characters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(excelSerial('1900-03-01')).toBe(61);
    expect(excelSerial('2026-11-25', '12:00')).toBe(46351.5);
    expect(escapeXml('<a & "b">\u0001\u0007ok')).toBe('&lt;a &amp; &quot;b&quot;&gt;ok');
  });

  it('XLSX writer streams a workbook whose last chunk is final', () => {
    const chunks: Uint8Array[] = [];
    let finals = 0;
    const writer = new XlsxWriter(
      (chunk, final) => {
        chunks.push(chunk);
        if (final) finals++;
      },
      { sheetName: 'Turnos Web', columns: [{ title: 'PACIENTE', width: 20 }, { title: 'FECHA', width: 12 }] },
    );
    writer.addRows([[{ kind: 'text', value: ' IBAÑEZ ' }, { kind: 'date', value: '2026-11-25' }]]);
    writer.addRows([]);
    writer.finish();
    expect(finals).toBe(1);
    const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) zip.set(c, (at += c.length) - c.length);
    const sheet = strFromU8(unzipSync(zip)['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<row r="1"><c r="A1" t="inlineStr" s="1"><is><t>PACIENTE</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve"> IBAÑEZ </t></is></c><c r="B2" s="2"><v>46351</v></c>');
    expect(sheet.endsWith('</sheetData></worksheet>')).toBe(true);
  });
});
