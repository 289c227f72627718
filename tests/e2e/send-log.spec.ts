import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAdmin } from './sign-in';

/**
 * PRESTACIONES → ENVIOS Y REPORTES → REGISTRO DE ENVIOS: the admin finds the confirmation mail a
 * patient got. LOPEZ MARTA books CARDIOLOGIA with JUAREZ LEONEL two weeks ahead (the last free
 * slot: other specs take the first ones; not GINECOLOGIA, whose turnos of hers booking.spec counts);
 * the worker of the e2e server sends the confirmation.
 */

async function filter(page: Page, values: { tipo: string; estado: string; buscar: string }) {
  await page.getByLabel('Tipo de envío').selectOption({ label: values.tipo });
  await page.getByLabel('Estado del envío').selectOption({ label: values.estado });
  await page.getByLabel('Buscar').fill(values.buscar);
  await page.getByRole('button', { name: 'Filtrar' }).click();
}

async function bookAsMarta(page: Page, reason: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('32555666');
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await page.goto('/tomar-turno');
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: 'CARDIOLOGIA' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'JUAREZ LEONEL' }) })
    .getByRole('link', { name: 'Otorgar Turno con este Profesional' })
    .click();
  for (let week = 0; week < 2; week++) {
    await expect(page.getByText('Horario Libre')).toBeVisible();
    const url = page.url();
    await page.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
    await expect(page).not.toHaveURL(url);
  }
  await expect(page.getByText('Horario Libre')).toBeVisible();
  await page.getByRole('link', { name: /, libre/ }).last().click();
  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await page.getByLabel(/Motivo del turno/).fill(reason);
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  await expect(page.getByRole('dialog', { name: 'Turno Insertado' })).toBeVisible();
}

test('el administrador filtra el Registro de envíos por Mail y Enviado y ve el mail de confirmación que recibió la paciente', async ({ page, browser }) => {
  await signInAdmin(page);
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Registro de envíos' }).click();
  await expect(page.getByRole('heading', { name: 'Registro de envíos' })).toBeVisible();

  // Filters live in the URL and come back filled in; nobody matches a made-up name.
  await filter(page, { tipo: 'Mail', estado: 'Enviado', buscar: 'NADIE SE LLAMA ASI' });
  await expect(page).toHaveURL(/tipo=email/);
  await expect(page).toHaveURL(/estado=sent/);
  await expect(page.getByText('No hay envíos para estos filtros.')).toBeVisible();
  await expect(page.getByLabel('Tipo de envío')).toHaveValue('email');
  await expect(page.getByLabel('Estado del envío')).toHaveValue('sent');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const reason = `Control anual ${Date.now().toString(36)}`;
  const patient = await browser.newContext();
  try {
    await bookAsMarta(await patient.newPage(), reason);
  } finally {
    await patient.close();
  }

  await filter(page, { tipo: 'Mail', estado: 'Enviado', buscar: 'LOPEZ MARTA' });
  const row = page.getByRole('row').filter({ hasText: reason });
  // The worker sends it within seconds; until then it is "Sin Enviar".
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('Sistema');
  await expect(row).toContainText('LOPEZ, MARTA');
  await expect(row).toContainText('marta.lopez@example.com');
  await expect(row).toContainText('Mail');
  await expect(row).toContainText('Enviado');
  await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(row).toContainText('JUAREZ, LEONEL'); // the turno's professional
  await row.getByText(/^Turno confirmado: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} hs con JUAREZ LEONEL$/).click();
  await expect(row.getByText(reason)).toBeVisible();

  // The same mail is not among the unsent ones, nor among the SMS.
  await filter(page, { tipo: 'Mail', estado: 'Sin Enviar', buscar: 'LOPEZ MARTA' });
  await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(0);
  await filter(page, { tipo: 'SMS', estado: 'Todos', buscar: 'LOPEZ MARTA' });
  await expect(page.getByRole('row').filter({ hasText: reason })).toHaveCount(0);

  // On a phone the page does not scroll sideways: only the table does, inside its box.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: test.info().outputPath('registro-celular.png'), fullPage: true });
  await expect(page.getByRole('button', { name: 'Filtrar' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('la recepción no ve el Registro de envíos (muestra el texto de los mensajes) ni entrando por la dirección', async ({ page }) => {
  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill('recepcion');
  await page.getByLabel('Contraseña').fill('recepcion1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Registro de envíos' })).toHaveCount(0);
  await page.goto('/admin/prestaciones/registro?tipo=email&estado=sent');
  await expect(page).toHaveURL(/\/admin\?motivo=sin-permiso$/);
  await expect(page.getByRole('heading', { name: 'Registro de envíos' })).toHaveCount(0);
});
