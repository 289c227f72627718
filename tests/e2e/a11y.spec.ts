import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Every page passes an axe-core check (WCAG 2.1 A and AA) with no violations, in the states a
 * person sees: signed out, signed in, the professional's message dialog, the agenda grid.
 */

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `${what}: ${page.url()}`).toEqual([]);
}

test('las páginas públicas del portal pasan axe sin violaciones', async ({ page }) => {
  const token = 'x'.repeat(43); // the emailed links' pages, in their "link not valid" state
  for (const path of ['/', '/ingresar', '/registrarse', '/recuperar', '/obras-sociales', '/ayuda', `/activar?token=${token}`, `/restablecer?token=${token}`, `/confirmar-email?token=${token}`]) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectAccessible(page, path);
  }
});

test('las páginas del paciente, del menú a la confirmación, pasan axe sin violaciones', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('30111222');
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await expectAccessible(page, 'Mis Turnos');

  for (const path of ['/mis-datos', '/tomar-turno']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectAccessible(page, path);
  }
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: 'CARDIOLOGIA' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();
  await expect(page.getByRole('heading', { name: 'Profesionales de CARDIOLOGIA' })).toBeVisible();
  await expectAccessible(page, 'Ver Profesionales');

  await page.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Mensaje de/ });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'mensaje del profesional');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText('Horario Libre')).toBeVisible();
  await expectAccessible(page, 'agenda');

  const slot = page.getByRole('link', { name: /, libre/ }).first();
  await slot.click();
  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await expectAccessible(page, 'Confirmar Turno');

  const reprint = page.getByRole('link', { name: 'Reimprimir' });
  await page.goto('/mis-turnos');
  await reprint.first().click();
  await expect(page.getByRole('heading', { name: 'Recordatorio de Turno' })).toBeVisible();
  await expectAccessible(page, 'Recordatorio de Turno');
  // "Turno Insertado", as shown after confirming (any of the patient's own turnos renders it).
  await page.goto(page.url().replace(/\/imprimir$/, '/insertado'));
  await expect(page.getByRole('dialog', { name: 'Turno Insertado' })).toBeVisible();
  await expectAccessible(page, 'Turno Insertado');
});

test('las páginas del personal pasan axe sin violaciones', async ({ page }) => {
  // Some twenty pages, each analysed by axe (~3 s apiece on a shared 2-core machine): past the 60 s default.
  test.slow();
  await page.goto('/admin/ingresar');
  await expectAccessible(page, 'ingreso del personal');
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('admin1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expectAccessible(page, 'Turnos del día');
  const nav = page.getByRole('navigation', { name: 'Menú del personal' });
  const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.locator('h1').first()).toBeVisible();
    await expectAccessible(page, href);
  }
});
