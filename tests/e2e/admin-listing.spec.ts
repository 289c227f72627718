import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInReception } from './sign-in';

/**
 * TURNOS WEB → "Listado de Turnos dados por Sistema Web" (manual: LISTADO DE TURNOS OTORGADOS POR
 * WEB; CANCELAR O BORRAR TURNOS OTORGADOS POR WEB) on the seeded demo center. It acts only on
 * FERNANDEZ SOFIA's upcoming web turnos of patients other than the two demo web users, which
 * no other spec reads (emails.spec books her three weeks ahead, past every seeded turno).
 */

const PROFESSIONAL = 'FERNANDEZ SOFIA';
const DEMO_WEB_USERS = /PEREZ JUAN|RODRIGUEZ MARIA/;

/** Tomorrow in Buenos Aires, 'yyyy-MM-dd'. */
function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires' }).format(new Date(Date.now() + 86_400_000));
}

/** A row that can still be cancelled, of a patient no other spec looks at: its patient and turno date. */
async function pickRow(page: Page, skip: string[] = []): Promise<{ patient: string; when: string }> {
  const rows = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^CANCELAR EL TURNO/ }) });
  for (const row of await rows.all()) {
    const patient = (await row.getByRole('rowheader').locator('span').first().textContent())!.trim();
    const when = (await row.locator('td').nth(1).textContent())!.trim();
    if (!DEMO_WEB_USERS.test(patient) && !skip.includes(when)) return { patient, when };
  }
  throw new Error(`no cancellable web turno of ${PROFESSIONAL} in the demo data`);
}

const rowOf = (page: Page, { patient, when }: { patient: string; when: string }): Locator =>
  page.getByRole('row').filter({ hasText: patient }).filter({ hasText: when });

test('la recepción filtra los turnos web por profesional, cancela uno, borra otro y descarga el listado en CSV', async ({ page, browser }) => {
  await signInReception(page);
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Listado de Turnos Web' }).click();
  await expect(page.getByRole('heading', { name: 'Listado de Turnos dados por Sistema Web' })).toBeVisible();

  // Filters: PROFESIONAL and FECHA DEL TURNO from tomorrow (only turnos still ahead can be cancelled).
  await page.getByLabel('PROFESIONAL').selectOption({ label: PROFESSIONAL });
  await page.getByRole('group', { name: 'FECHA DEL TURNO' }).getByLabel('Desde').fill(tomorrow());
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await expect(page).toHaveURL(/profesional=\d+/);
  const table = page.getByRole('table', { name: 'Turnos otorgados por la Web' });
  await expect(table).toBeVisible();
  const bodyRows = table.locator('tbody tr');
  expect(await bodyRows.count()).toBeGreaterThan(1);
  for (const row of await bodyRows.all()) await expect(row).toContainText(PROFESSIONAL);

  // The filters live in the URL: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('PROFESIONAL').locator('option:checked')).toHaveText(PROFESSIONAL);
  await expect(page.getByRole('group', { name: 'FECHA DEL TURNO' }).getByLabel('Desde')).toHaveValue(tomorrow());

  // CANCELAR EL TURNO asks first ("No" leaves it as it was), then shows it Cancelado.
  const toCancel = await pickRow(page);
  const cancelRow = rowOf(page, toCancel);
  await cancelRow.getByRole('button', { name: /^CANCELAR EL TURNO/ }).click();
  await expect(cancelRow.getByText(`¿Cancelar el turno de ${toCancel.patient}, ${toCancel.when}?`)).toBeVisible();
  await cancelRow.getByRole('button', { name: 'No', exact: true }).click();
  await expect(cancelRow).toContainText('Reservado');
  await cancelRow.getByRole('button', { name: /^CANCELAR EL TURNO/ }).click();
  await cancelRow.getByRole('button', { name: 'Sí, CANCELAR EL TURNO' }).click();
  await expect(cancelRow).toContainText('Cancelado');
  await expect(cancelRow).toContainText('El centro (Recepción Mañana)');
  await expect(cancelRow.getByRole('button', { name: /^CANCELAR EL TURNO/ })).toHaveCount(0);

  // BORRAR EL TURNO: after confirming, it is gone from the list.
  const toDelete = await pickRow(page, [toCancel.when]);
  const deleteRow = rowOf(page, toDelete);
  await deleteRow.getByRole('button', { name: /^BORRAR EL TURNO/ }).click();
  await deleteRow.getByRole('button', { name: 'Sí, BORRAR EL TURNO' }).click();
  await expect(rowOf(page, toDelete)).toHaveCount(0);

  // The export holds the filtered list: the cancelled one (Cancelado), not the deleted one.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^turnos-web-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('N° TURNO;FECHA DE OTORGAMIENTO;FECHA DEL TURNO;HORA;PACIENTE;DNI;PROFESIONAL;ESPECIALIDAD / ESTUDIO;OBRA SOCIAL;ESTADO;MOTIVO;FECHA DE CANCELACION;CANCELADO POR');
  const shown = (await page.getByRole('status').filter({ hasText: /turnos?$/ }).textContent())!;
  expect(`${lines.length - 1} turno${lines.length === 2 ? '' : 's'}`).toBe(shown.trim());
  for (const line of lines.slice(1)) expect(line).toContain(`;${PROFESSIONAL};`);
  const [date, time] = toCancel.when.split(' ');
  expect(lines.find((l) => l.includes(`;${date};${time};${toCancel.patient};`))).toContain(';Cancelado;');
  const [gone, goneTime] = toDelete.when.split(' ');
  expect(lines.some((l) => l.includes(`;${gone};${goneTime};${toDelete.patient};`))).toBe(false);

  // Without a staff session the export gives nothing away: the sign-in page, not the file.
  const anonymous = await browser.newContext();
  const answer = await anonymous.request.get(new URL((await page.getByRole('link', { name: 'Exportar CSV' }).getAttribute('href'))!, page.url()).toString(), { maxRedirects: 0 });
  expect([302, 303, 307, 401]).toContain(answer.status());
  expect(answer.headers()['content-type'] ?? '').not.toContain('text/csv');
  await anonymous.close();
});
