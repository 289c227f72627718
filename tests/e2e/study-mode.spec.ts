import { expect, test } from '@playwright/test';

/**
 * "FORMA DE SELECCIONAR PROFESIONAL (POR ESTUDIO o PROFESIONAL)": this spec runs against the second
 * e2e server, whose center is set to ESTUDIO o PROFESIONAL (playwright.config.ts, project "estudio").
 */

test('en modo estudio, el paciente elige el estudio, ve solo quien lo hace, lee la indicación y toma el turno', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('32555666');
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);

  await page.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await expect(page.getByRole('heading', { name: 'Seleccionando un Estudio' })).toBeVisible();
  // Choosing a professional directly shows which studies each one does.
  await expect(page.getByLabel('Seleccionar Profesional').locator('option', { hasText: 'PEREZ CARLOS (ECOGRAFIA ABDOMINAL, ECOGRAFIA DE TIROIDES)' })).toHaveCount(1);
  await page.getByLabel('Seleccionar Estudio').selectOption({ label: 'ECOGRAFIA ABDOMINAL' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();

  await expect(page.getByRole('heading', { name: 'Profesionales de ECOGRAFIA ABDOMINAL' })).toBeVisible();
  await expect(page.getByText('Indicación: Presentarse con 8 horas de ayuno.')).toBeVisible();
  // Only PEREZ CARLOS performs it.
  expect(await page.getByRole('listitem').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['PEREZ CARLOS']);
  await page.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).click();

  const dialog = page.getByRole('dialog', { name: 'Mensaje de PEREZ CARLOS' });
  await expect(dialog).toContainText('Realiza únicamente ecografías abdominales y de tiroides.');
  await dialog.getByRole('button', { name: 'OK' }).click();

  await expect(page.getByText('Horario Libre')).toBeVisible();
  const url = page.url();
  await page.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
  await expect(page).not.toHaveURL(url);
  await expect(page.getByText('Horario Libre')).toBeVisible();
  await page.getByRole('link', { name: /, libre, primer turno disponible$/ }).click();

  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await expect(page.getByText('ECOGRAFIA ABDOMINAL')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  const booked = page.getByRole('dialog', { name: 'Turno Insertado' });
  await expect(booked).toContainText('Indicación para ECOGRAFIA ABDOMINAL');
  await expect(booked).toContainText('Presentarse con 8 horas de ayuno.');
  await booked.getByRole('link', { name: 'Ver Mis Turnos' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'PEREZ CARLOS' })).toContainText('ECOGRAFIA ABDOMINAL');
});
