import { expect, test, type Page } from '@playwright/test';
import { signInPatient, staffPage } from './sign-in';

/**
 * A password change ends the patient's other sessions at their next page, with a message that
 * says why; the session that changed it goes on. With IBAÑEZ JUAN MANUEL (25123456), a patient of
 * the center whom no other spec signs in: reception gives him a web user first (ALTA EN WEB).
 */

const DNI = '25123456';
const MESSAGE = 'La contraseña de su usuario fue cambiada. Por seguridad se cerró su sesión: ingrese con la nueva contraseña.';

async function openMisTurnos(page: Page) {
  await page.goto('/mis-turnos');
}

test('cambiar la contraseña cierra las otras sesiones del paciente, y la del centro también la suya', async ({ browser }) => {
  const staff = await staffPage(browser, 'recepcion');
  await staff.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Pacientes web' }).click();
  await staff.getByRole('link', { name: 'ALTA EN WEB' }).click();
  await staff.getByLabel('Nº DNI').fill('25.123.456');
  await staff.getByLabel('MAIL').fill('jm.ibanez@example.com');
  await staff.getByLabel('CONTRASEÑA WEB').fill('ibanez-clave-1');
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByText('Cambios guardados')).toBeVisible();

  // The same patient on his phone and on a shared computer.
  const phone = await signInPatient(await (await browser.newContext()).newPage(), DNI, 'ibanez-clave-1');
  const shared = await signInPatient(await (await browser.newContext()).newPage(), DNI, 'ibanez-clave-1');

  // On his phone, MIS DATOS → new password.
  await phone.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Mis Datos' }).click();
  const form = phone.getByRole('form', { name: 'Contraseña', exact: true });
  await form.getByLabel('Contraseña actual', { exact: true }).fill('ibanez-clave-1');
  await form.getByLabel('Nueva contraseña', { exact: true }).fill('ibanez-clave-2');
  await form.getByLabel('Repita la nueva contraseña').fill('ibanez-clave-2');
  await form.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(form.getByText('Su contraseña fue cambiada.')).toBeVisible();

  // The phone goes on; the shared computer is out, and told why.
  await openMisTurnos(phone);
  await expect(phone).toHaveURL(/\/mis-turnos$/);
  await expect(phone.getByText('Conectado como IBAÑEZ JUAN MANUEL')).toBeVisible();
  await openMisTurnos(shared);
  await expect(shared).toHaveURL(/\/ingresar\?motivo=clave-cambiada$/);
  await expect(shared.getByRole('status').filter({ hasText: MESSAGE })).toBeVisible();
  // The old password no longer opens a session; the new one does.
  await shared.getByLabel('DNI').fill(DNI);
  await shared.getByLabel('Contraseña').fill('ibanez-clave-1');
  await shared.getByRole('button', { name: 'Ingresar' }).click();
  await expect(shared.getByRole('alert').filter({ hasText: 'DNI o contraseña incorrectos.' })).toBeVisible();
  await signInPatient(shared, DNI, 'ibanez-clave-2');

  // Reception sets a new password (MODIFICAR ACTIVACION/CONTRASEÑA): every session ends, his phone's too.
  const row = staff.getByRole('listitem', { name: /IBAÑEZ JUAN MANUEL/ });
  await row.getByRole('link', { name: /MODIFICAR ACTIVACION\/CONTRASEÑA/ }).click();
  await staff.getByLabel('CONTRASEÑA nueva (dejar vacío para no cambiarla)').fill('la-del-centro-3');
  await staff.getByRole('button', { name: 'Guardar' }).click();
  await expect(staff.getByText('Cambios guardados')).toBeVisible();
  for (const page of [phone, shared]) {
    await openMisTurnos(page);
    await expect(page).toHaveURL(/\/ingresar\?motivo=clave-cambiada$/);
    await expect(page.getByRole('status').filter({ hasText: MESSAGE })).toBeVisible();
  }
  await signInPatient(phone, DNI, 'la-del-centro-3');
});
