import { expect, test, type Page } from '@playwright/test';

/**
 * The smoke test of a deployment (playwright.standalone.config.ts runs it against
 * `node .next/standalone/server.js` on a fresh demo center): health and readiness, every static
 * asset served, a patient books a turno, the staff signs in.
 */

/** Records every response the page gets that is not 2xx/3xx (a missing chunk, CSS, logo...). */
function collectFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return failures;
}

test('el servidor está vivo y listo, y la portada carga completa', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', worker: { mode: 'in-process' } });

  const failures = collectFailures(page);
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
  // middleware.ts gives every page request an id for the logs, and keeps the one a proxy sent.
  expect(response?.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const tagged = await request.get('/ayuda', { headers: { 'x-request-id': 'lb-abc123456789' } });
  expect(tagged.headers()['x-request-id']).toBe('lb-abc123456789');

  await expect(page.getByText('CENTRO MEDICO DEMO').first()).toBeVisible();
  // Styles from .next/static and the logo from public/ (both copied beside server.js).
  await expect(page.locator('body')).not.toHaveCSS('font-family', /^"?Times/);
  const logo = await request.get('/logo.svg');
  expect(logo.ok()).toBe(true);
  await page.waitForLoadState('networkidle');
  expect(failures).toEqual([]);
});

test('el paciente ingresa, toma un turno y lo ve en Mis Turnos', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('28999888');
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await expect(page.getByText('Conectado como RODRIGUEZ MARIA')).toBeVisible();

  await page.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: 'CARDIOLOGIA' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();
  await page.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).first().click();
  await page.getByRole('dialog', { name: 'Mensaje de GONZALEZ JOSE' }).getByRole('button', { name: 'OK' }).click();

  // Next week onwards: this week may have no free time left, depending on the day the suite runs.
  await expect(page.getByText('Horario Libre')).toBeVisible();
  let url = page.url();
  await page.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
  await expect(page).not.toHaveURL(url);
  const first = page.getByRole('link', { name: /, libre, primer turno disponible$/ });
  for (let week = 0; week < 3 && !(await first.count()); week++) {
    await expect(page.getByText('Horario Libre')).toBeVisible();
    url = page.url();
    await page.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
    await expect(page).not.toHaveURL(url);
  }
  await first.click();

  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await page.getByLabel(/Motivo del turno/).fill('Prueba de humo del despliegue');
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  const booked = page.getByRole('dialog', { name: 'Turno Insertado' });
  await expect(booked).toBeVisible();
  await booked.getByRole('link', { name: 'Ver Mis Turnos' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Prueba de humo del despliegue' })).toContainText('Reservado');
});

test('el administrador ingresa al área del personal', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/ingresar/);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('admin1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('navigation', { name: 'Menú del personal' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Turnos del día/ })).toBeVisible();
});
