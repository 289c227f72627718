import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { looksLikeFormula, type Cell } from './cells';

/**
 * A minimal .xlsx (Office Open XML SpreadsheetML) written as a stream: one sheet, inline strings,
 * real dates (so Excel sorts and filters them as dates), a bold frozen header. The sheet is
 * deflated row batch by row batch, so 100,000 rows never sit in memory at once.
 *
 * Formula injection: a text cell is never a formula in .xlsx (formulas live in <f>), but Excel
 * would evaluate "=..." once someone edits the cell or saves the sheet as CSV. Such cells carry
 * `quotePrefix`, which is exactly what Excel stores when a user types the leading apostrophe.
 */

export interface XlsxColumn {
  title: string;
  /** Width in characters. */
  width: number;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Cell styles (indexes into cellXfs below).
const STYLE = { header: 1, date: 2, datetime: 3, time: 4, quoted: 5 } as const;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS}"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="166" formatCode="hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function workbook(sheetName: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** XML 1.0 cannot carry most control characters at all: drop them, escape the rest. */
export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Excel's serial day number (1900 system) of a local wall time. */
export function excelSerial(date: string, time = '00:00'): number {
  const ms = Date.parse(`${date}T${time}:00Z`);
  return ms / 86_400_000 + 25_569;
}

function inlineString(ref: string, value: string, style?: number): string {
  const s = style ? ` s="${style}"` : '';
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${s}><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

function cellXml(cell: Cell, ref: string): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return inlineString(ref, cell.value, looksLikeFormula(cell.value) ? STYLE.quoted : undefined);
    case 'date':
      return `<c r="${ref}" s="${STYLE.date}"><v>${excelSerial(cell.value)}</v></c>`;
    case 'datetime':
      return `<c r="${ref}" s="${STYLE.datetime}"><v>${excelSerial(cell.value.date, cell.value.time)}</v></c>`;
    case 'time':
      return `<c r="${ref}" s="${STYLE.time}"><v>${excelSerial('1899-12-30', cell.value)}</v></c>`;
  }
}

/**
 * Writes the workbook; every finished piece of the .zip goes to `onChunk` (`final` on the last).
 * Call addRows() as many times as needed, then finish().
 */
export class XlsxWriter {
  private readonly zip: Zip;
  private readonly sheet: ZipDeflate;
  private rowNumber = 1;
  private readonly letters: string[];

  constructor(onChunk: (chunk: Uint8Array, final: boolean) => void, options: { sheetName: string; columns: XlsxColumn[] }) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) throw err;
      onChunk(chunk, final);
    });
    const whole = (name: string, content: string) => {
      const file = new ZipDeflate(name, { level: 6 });
      this.zip.add(file);
      file.push(strToU8(content), true);
    };
    whole('[Content_Types].xml', CONTENT_TYPES);
    whole('_rels/.rels', ROOT_RELS);
    whole('xl/workbook.xml', workbook(options.sheetName));
    whole('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    whole('xl/styles.xml', STYLES);
    // Level 1: half the time of level 6 for a sheet ~25% bigger, still ~8x smaller than its XML.
    this.sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
    this.zip.add(this.sheet);
    this.letters = options.columns.map((_, i) => columnName(i));
    const cols = options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    const header = `<row r="1">${options.columns.map((c, i) => inlineString(`${columnName(i)}1`, c.title, STYLE.header)).join('')}</row>`;
    this.sheet.push(
      strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${header}`,
      ),
    );
  }

  addRows(rows: Cell[][]): void {
    let xml = '';
    for (const cells of rows) {
      const r = ++this.rowNumber;
      xml += `<row r="${r}">${cells.map((cell, i) => cellXml(cell, `${this.letters[i] ?? columnName(i)}${r}`)).join('')}</row>`;
    }
    if (xml) this.sheet.push(strToU8(xml));
  }

  finish(): void {
    this.sheet.push(strToU8('</sheetData></worksheet>'), true);
    this.zip.end();
  }
}
