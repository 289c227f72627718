import { expect, test, type Page } from '@playwright/test';

/** TURNOS WEB → PACIENTES, with ARANGO ROMAN (29888111): a patient of the center without a web user. */

async function signInStaff(page: Page) {
  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill('recepcion');
  await page.getByLabel('Contraseña').fill('recepcion1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

async function signInPatient(page: Page, password: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('29888111');
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

test('la recepción da de alta en la web a un paciente, que ingresa; luego lo deshabilita y él lee la observación', async ({ browser }) => {
  const staff = await browser.newPage();
  await signInStaff(staff);
  await staff.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Pacientes web' }).click();
  await staff.getByRole('link', { name: 'ALTA EN WEB' }).click();
  await staff.getByLabel('Nº DNI').fill('29.888.111');
  await staff.getByLabel('MAIL').fill('roman.arango@example.com');
  await staff.getByLabel('CONTRASEÑA WEB').fill('corta');
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByText('La contraseña debe tener al menos 8 caracteres.')).toBeVisible();
  await staff.getByLabel('CONTRASEÑA WEB').fill('roman-2026!');
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByText('Cambios guardados')).toBeVisible();
  const row = staff.getByRole('listitem', { name: /ARANGO ROMAN/ });
  await expect(row).toContainText('ACTIVADO');

  const patient = await browser.newPage();
  await signInPatient(patient, 'roman-2026!');
  await expect(patient.getByText('Conectado como ARANGO ROMAN')).toBeVisible();
  await patient.getByRole('button', { name: 'Salir' }).click();

  await row.getByRole('link', { name: /MODIFICAR ACTIVACION\/CONTRASEÑA/ }).click();
  await staff.getByLabel('DESHABILITAR?').check();
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByText('Escriba la observación que el paciente leerá al ingresar.')).toBeVisible();
  await staff.getByLabel('Observación').fill('Adeuda documentación. Pase por recepción.');
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByRole('listitem', { name: /ARANGO ROMAN/ })).toContainText('DESHABILITADO');

  await signInPatient(patient, 'roman-2026!');
  await expect(patient.getByRole('alert').filter({ hasText: 'Adeuda documentación. Pase por recepción.' })).toBeVisible();
  await expect(patient.getByText('Conectado como')).toHaveCount(0);
});
