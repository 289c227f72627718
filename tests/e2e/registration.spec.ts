import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { linksIn, waitForMail } from './mail';
import { solveSum } from './sign-in';

/**
 * REGISTRARSE POR PRIMERA VEZ, ¿Olvidó su contraseña? and MIS DATOS, with the mails really sent
 * through the outbox to the catcher (tests/e2e/server.ts). Each test registers its own new DNI,
 * so none touches the seeded patients other specs sign in with.
 *
 * All specs reach the server from 127.0.0.1: the registration limit is 10 an hour per IP, and
 * this file uses three.
 */

interface Person {
  dni: string;
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

async function register(page: Page, person: Person) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Registrarse >' }).click();
  await expect(page.getByRole('heading', { name: 'Registrarse', level: 1 })).toBeVisible();

  await page.getByLabel('DNI de la persona que va a tener el turno').fill(person.dni);
  await solveSum(page);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page.getByRole('heading', { name: 'Paso 2 de 2: sus datos' })).toBeVisible();
  await page.getByLabel('Apellido').fill(person.lastName);
  await page.getByLabel('Nombre', { exact: true }).fill(person.firstName);
  await page.getByLabel('Fecha de nacimiento').fill('1992-08-21');
  await page.getByLabel('Celular').fill('11 5555-0101');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Obra social / prepaga').selectOption({ label: 'OSDE' });
  await page.getByLabel('Contraseña', { exact: true }).fill(person.password);
  // A mistyped confirmation is answered next to the field, and nothing typed is lost.
  await page.getByLabel('Repita la contraseña').fill(`${person.password}x`);
  await page.getByRole('button', { name: 'Registrarse' }).click();
  await expect(page.getByText('Las contraseñas no coinciden.')).toBeVisible();
  await expect(page.getByLabel('Repita la contraseña')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Apellido')).toHaveValue(person.lastName);
  await page.getByLabel('Repita la contraseña').fill(person.password);
  await expect(page.getByLabel('Acepto recibir recordatorios de mis turnos por mail/SMS')).toBeChecked();
  await page.getByRole('button', { name: 'Registrarse' }).click();

  await expect(page.getByRole('heading', { name: 'Revise su correo' })).toBeVisible();
  await expect(page.getByText('Le enviamos un mail para activar su usuario.', { exact: false })).toBeVisible();
}

/** Opens the activation mail's link and activates with the password; ends signed in, on Mis Datos. */
async function activateFromMail(page: Page, request: APIRequestContext, person: Person, since: number) {
  const mail = await waitForMail(request, { to: person.email, subject: /^Active su usuario web/, since });
  expect(mail.text).toContain(`${person.lastName} ${person.firstName}`);
  // The "Activar mi usuario" button (its text carries Outlook padding characters: match the address).
  const link = linksIn(mail).find((l) => l.source === 'html' && l.href.includes('/activar?token='));
  expect(link, 'the mail has an "Activar mi usuario" button').toBeDefined();
  expect(link!.text).toContain('Activar mi usuario');
  await page.goto(link!.href);
  await expect(page.getByRole('heading', { name: 'Activar mi usuario' })).toBeVisible();
  await page.getByLabel('Contraseña').fill(person.password);
  await page.getByRole('button', { name: 'Activar mi usuario' }).click();
  await expect(page).toHaveURL(/\/mis-datos\?bienvenida=1$/);
  await expect(page.getByText(`Conectado como ${person.lastName} ${person.firstName}`)).toBeVisible();
  return link!.href;
}

async function signIn(page: Page, dni: string, password: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

test('el paciente se registra, activa su cuenta desde el mail e ingresa', async ({ page, request }) => {
  const person: Person = { dni: '35123456', lastName: 'FERNANDEZ', firstName: 'LUCIA', email: 'lucia.fernandez@example.com', password: 'mi-clave-2026' };
  const since = Date.now();
  await register(page, person);

  // Before activating, the DNI and password do not get in yet.
  await signIn(page, person.dni, person.password);
  await expect(page.getByRole('alert').filter({ hasText: 'todavía no está activado' })).toBeVisible();

  const link = await activateFromMail(page, request, person, since);
  await expect(page.getByText('Su usuario quedó activado.', { exact: false })).toBeVisible();

  await page.getByRole('button', { name: 'Salir' }).click();
  await signIn(page, '35.123.456', person.password);
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await expect(page.getByText('Conectado como FERNANDEZ LUCIA')).toBeVisible();

  // The link worked once; opened again it says so and offers the way in.
  await page.goto(link);
  await expect(page.getByRole('alert').filter({ hasText: 'Este enlace ya fue usado' })).toBeVisible();
});

test('olvidé mi contraseña: llega el mail y la nueva contraseña funciona', async ({ page, request }) => {
  const person: Person = { dni: '35123457', lastName: 'SOSA', firstName: 'ESTELA', email: 'estela.sosa@example.com', password: 'primera-clave-1' };
  const since = Date.now();
  await register(page, person);
  await activateFromMail(page, request, person, since);
  await page.getByRole('button', { name: 'Salir' }).click();

  await page.goto('/recuperar');
  await expect(page.getByRole('heading', { name: '¿Olvidó su contraseña?' })).toBeVisible();
  await page.getByLabel('DNI').fill(person.dni);
  await solveSum(page);
  const asked = Date.now();
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: 'Revise su correo' })).toBeVisible();

  const mail = await waitForMail(request, { to: person.email, subject: /^Cambio de contraseña/, since: asked });
  const link = linksIn(mail).find((l) => l.source === 'html' && l.href.includes('/restablecer?token='));
  expect(link, 'the mail has an "Elegir una nueva contraseña" button').toBeDefined();
  expect(link!.text).toContain('Elegir una nueva contraseña');
  await page.goto(link!.href);
  await page.getByLabel('Nueva contraseña', { exact: true }).fill('segunda-clave-2');
  await page.getByLabel('Repita la nueva contraseña').fill('segunda-clave-2');
  await page.getByRole('button', { name: 'Guardar la nueva contraseña' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await expect(page.getByText('Conectado como SOSA ESTELA')).toBeVisible();

  await page.getByRole('button', { name: 'Salir' }).click();
  await signIn(page, person.dni, person.password);
  await expect(page.getByRole('alert').filter({ hasText: 'DNI o contraseña incorrectos.' })).toBeVisible();
  await signIn(page, person.dni, 'segunda-clave-2');
  await expect(page.getByText('Conectado como SOSA ESTELA')).toBeVisible();

  // The link served once.
  await page.goto(link!.href);
  await expect(page.getByRole('alert').filter({ hasText: 'Este enlace ya fue usado' })).toBeVisible();
});

test('Mis Datos: cambia su celular y su obra social', async ({ page, request }) => {
  const person: Person = { dni: '35123458', lastName: 'MOLINA', firstName: 'RAUL', email: 'raul.molina@example.com', password: 'clave-de-raul-9' };
  const since = Date.now();
  await register(page, person);
  await activateFromMail(page, request, person, since);

  await page.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Mis Datos' }).click();
  await expect(page.getByRole('heading', { name: 'Mis Datos', level: 1 })).toBeVisible();
  await expect(page.getByText('35.123.458')).toBeVisible();
  const contact = page.getByRole('form', { name: 'Datos de contacto y obra social' });
  await expect(contact.getByLabel('Celular')).toHaveValue('1155550101');
  await expect(contact.getByLabel('Obra social / prepaga')).toHaveValue(/\d+/);

  // Bad input is answered next to the field and the rest is kept.
  await contact.getByLabel('Celular').fill('12');
  await contact.getByLabel('Obra social / prepaga').selectOption({ label: 'GALENO' });
  await contact.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(contact.getByText('El teléfono es demasiado corto.')).toBeVisible();
  await expect(contact.getByLabel('Celular')).toBeFocused();

  await contact.getByLabel('Celular').fill('351 444-5566');
  await contact.getByLabel('Nº de afiliado').fill('GA-7788');
  await contact.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(contact.getByText('Sus datos fueron guardados.')).toBeVisible();

  await page.reload();
  const reloaded = page.getByRole('form', { name: 'Datos de contacto y obra social' });
  await expect(reloaded.getByLabel('Celular')).toHaveValue('3514445566');
  await expect(reloaded.getByLabel('Obra social / prepaga').locator('option:checked')).toHaveText('GALENO');
  await expect(reloaded.getByLabel('Nº de afiliado')).toHaveValue('GA-7788');
});
