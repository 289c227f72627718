import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signInStaff } from './sign-in';

/**
 * Ley 25.326, right of access: an administrator hands a patient everything the center holds about
 * them. Read-only on the demo data (PEREZ JUAN, DNI 30111222), so it does not disturb other specs.
 */

async function openPatient(page: Page) {
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Pacientes', exact: true }).click();
  await page.getByLabel('Buscar paciente').fill('30111222');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('link', { name: /Modificar PEREZ JUAN/ }).click();
  await expect(page.getByRole('heading', { name: /Modificar paciente PEREZ JUAN/ })).toBeVisible();
}

test('el administrador exporta todos los datos de un paciente, sin claves, y queda registrado', async ({ page, context }) => {
  await signInStaff(page, 'admin', 'admin1234');
  await openPatient(page);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exportar datos del paciente' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^paciente-30111222-\d{4}-\d{2}-\d{2}\.json$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const data = JSON.parse(text);
  expect(data.patient).toMatchObject({ dni: '30111222', lastName: 'PEREZ', firstName: 'JUAN' });
  expect(data.webAccount).toMatchObject({ state: 'activa' });
  expect(data.appointments.length).toBeGreaterThan(0);
  expect(text).not.toMatch(/passwordHash|tokenHash|scrypt\$\d+\$/); // lib/auth/password.ts: "scrypt$N$r$p$salt$key"

  // The printable version opens in a new tab, in Spanish.
  const opening = context.waitForEvent('page');
  await page.getByRole('link', { name: /Versión imprimible/ }).click();
  const printable = await opening;
  await expect(printable.getByRole('heading', { name: /Datos del paciente PEREZ JUAN · DNI 30111222/ })).toBeVisible();
  await expect(printable.getByRole('heading', { name: 'Turnos' })).toBeVisible();
  await printable.close();

  // Sistema → Auditoría shows who exported whose data.
  await page.goto('/admin/sistema/auditoria?texto=patient.export');
  await expect(page.getByText('patient.export').first()).toBeVisible();
});

test('la recepción no ve el botón ni puede descargar la exportación por su dirección', async ({ page }) => {
  await signInStaff(page, 'recepcion', 'recepcion1234');
  await openPatient(page);
  await expect(page.getByRole('link', { name: 'Exportar datos del paciente' })).toHaveCount(0);
  const url = new URL(page.url());
  const answer = await page.request.get(`${url.pathname}/exportar`);
  expect(answer.status()).toBe(403);
  expect(await answer.text()).toContain('No tiene permiso');
});
