import type { Cell } from './cells';
import { csvHeader, csvLine } from './csv';
import { XlsxWriter, type XlsxColumn } from './xlsx';

/** Every export of the staff area: a table as CSV or XLSX, streamed a batch of rows at a time. */

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The response headers of a download: never cached, never sniffed. */
export function exportHeaders(format: ExportFormat, fileName: string): HeadersInit {
  return {
    'content-type': EXPORT_CONTENT_TYPE[format],
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * The file as a stream. Pull-based: the next batch of rows is read from the database only when
 * the client has taken the previous one, so a slow download holds one batch, not the whole list.
 */
export function tableExportStream(
  format: ExportFormat,
  table: { sheetName: string; columns: XlsxColumn[] },
  batches: AsyncGenerator<Cell[][]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  if (format === 'csv') {
    let started = false;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHeader(table.columns.map((c) => c.title))));
          return;
        }
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
  }

  let writer: XlsxWriter;
  let emitted = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // fflate deflates synchronously: every chunk, the last included, arrives inside the call.
      writer = new XlsxWriter(
        (chunk) => {
          emitted++;
          controller.enqueue(chunk);
        },
        { sheetName: table.sheetName, columns: table.columns },
      );
    },
    async pull(controller) {
      // A pull that enqueues nothing is never called again (the stream waits for a chunk that
      // never comes), and deflate may swallow a whole batch: read on until it gives something.
      const before = emitted;
      while (emitted === before) {
        const next = await batches.next();
        if (next.done) {
          writer.finish();
          controller.close();
          return;
        }
        writer.addRows(next.value);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** Rows of any kind, turned into cells batch by batch. */
export async function* cellBatches<T>(rows: AsyncGenerator<T[]>, toCells: (row: T) => Cell[]): AsyncGenerator<Cell[][]> {
  try {
    for await (const batch of rows) yield batch.map(toCells);
  } finally {
    await rows.return(undefined);
  }
}
