import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForMail } from './mail';
import { signInAdmin } from './sign-in';

/**
 * PRESTACIONES → MODULO DE ENVIO DE MAILS/SMS → CONFIGURACION: PLANTILLAS, CONFIGURAR ENVIO DE
 * MAILS (its "Probar" through the server's mail, the suite's catcher) and CONFIGURAR ENVIO DE SMS.
 * The mail provider stays "Desarrollo" (the suite's SMTP_URL), so other specs' mail is untouched.
 */

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, what).toEqual([]);
}

async function formReady(page: Page) {
  await expect(page.getByRole('button', { name: 'Guardar' })).toBeEnabled();
}

test('el administrador crea una plantilla de mail y una de SMS con los datos de la Ayuda, y el sistema rechaza un dato desconocido', async ({ page }) => {
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  await signInAdmin(page);
  await page.getByRole('link', { name: 'Plantillas' }).click();
  await expect(page.getByRole('heading', { name: 'Plantillas', exact: true })).toBeVisible();

  // NUEVO EMAIL: typed text plus tokens inserted from the help panel at the cursor.
  await page.getByRole('link', { name: 'NUEVO EMAIL' }).click();
  await formReady(page);
  await page.getByLabel('TÍTULO').fill(`Recordatorio ${suffix}`);
  const body = page.getByLabel('Mensaje', { exact: true });
  await body.fill('Sr/a  le recordamos su turno.');
  await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
  await page.getByRole('button', { name: /Insertar \[\[PACIENTE\]\]/ }).dblclick();
  await expect(body).toHaveValue('Sr/a [[PACIENTE]] le recordamos su turno.');
  await body.press('End');
  await page.getByRole('button', { name: /Insertar \[\[FECHA\]\]/ }).press('Enter');
  await expect(body).toHaveValue('Sr/a [[PACIENTE]] le recordamos su turno.[[FECHA]]');

  // A token the system does not know is refused, naming it.
  await body.fill('Hola [[NOMBRE]], su turno es el [[FECHA]].');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.locator('#body-error')).toContainText('“[[NOMBRE]]”');
  // Before the preview: axe cannot run inside its sandboxed (script-less) iframe.
  await expectAccessible(page, 'NUEVO EMAIL with its error');

  await body.fill('Hola [[PACIENTE]], su turno es el [[FECHA]] a las [[HORA]].');
  await page.getByRole('button', { name: 'Ver vista previa' }).click();
  const preview = page.frameLocator('iframe[title="Vista previa del mail"]');
  await expect(preview.getByText('Hola IBÁÑEZ JUAN MANUEL, su turno es el 27/10/2026 a las 08:40.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/admin\/prestaciones\/plantillas\?guardado=1$/);
  await expect(page.getByRole('listitem', { name: `Recordatorio ${suffix}` })).toBeVisible();

  // NUEVO SMS: the counter knows á forces UCS-2, and replacing brings GSM-7 back.
  await page.getByRole('link', { name: 'NUEVO SMS' }).click();
  await formReady(page);
  await page.getByLabel('TÍTULO').fill(`SMS ${suffix}`);
  const sms = page.getByLabel('Mensaje', { exact: true });
  await sms.fill('[[PACIENTE]]: su turno es el día [[FECHA]] a las [[HORA]].');
  const counter = page.getByRole('region', { name: 'Contar caracteres' });
  await expect(counter).toContainText('Codificación: UCS-2');
  await expectAccessible(page, 'NUEVO SMS with the replace offer');
  await page.getByRole('button', { name: 'Reemplazar caracteres no GSM' }).click();
  await expect(sms).toHaveValue('[[PACIENTE]]: su turno es el dia [[FECHA]] a las [[HORA]].');
  await expect(counter).toContainText('Codificación: GSM-7');
  await expect(counter).toContainText('Con los datos más largos previstos');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\?guardado=1$/);

  // Desactivar.
  const row = page.getByRole('listitem', { name: `SMS ${suffix}` });
  await row.getByRole('button', { name: /^Desactivar/ }).click();
  await row.getByRole('button', { name: /^Sí, desactivar/ }).click();
  await expect(row).toContainText('desactivada');
});

test('el administrador prueba el envío de mails y de SMS y ve la respuesta del servidor', async ({ page, request }) => {
  await signInAdmin(page);
  await page.getByRole('link', { name: 'Configurar envío de mails' }).click();
  await formReady(page);
  await expect(page.getByLabel('Proveedor')).toHaveValue('dev');
  const to = `prueba-${Date.now()}@demo.com.ar`;
  const since = Date.now();
  await page.getByLabel('Enviar un mail de prueba a').fill(to);
  await page.getByRole('button', { name: 'Probar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Respuesta del servidor' })).toContainText(/250/);
  const mail = await waitForMail(request, { to, since });
  expect(mail.subject).toMatch(/^Prueba de envío de mails/);

  // SMTP fields appear with the provider; the password is write-only.
  await page.getByLabel('Proveedor').selectOption('smtp');
  await expect(page.getByLabel('Servidor SMTP')).toBeVisible();
  await expect(page.getByLabel('Contraseña')).toHaveValue('');

  await page.getByRole('link', { name: 'Configurar envío de SMS' }).click();
  await formReady(page);
  await page.getByLabel('Enviar un SMS de prueba al celular').fill('4444-5555');
  await page.getByRole('button', { name: 'Probar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'inválido' })).toContainText('Número de celular inválido');
  await page.getByLabel('Enviar un SMS de prueba al celular').fill('011 15 4444-5555');
  await page.getByRole('button', { name: 'Probar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enviado' })).toContainText('Enviado al 1144445555');
  await page.getByLabel('Proveedor').selectOption('smsmasivos');
  await expect(page.getByLabel('Clave', { exact: true })).toBeVisible();
  await expectAccessible(page, 'CONFIGURAR ENVIO DE SMS with SMS Masivos fields');
});
