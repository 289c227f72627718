import { expect, test, type Page } from '@playwright/test';
import { solveSum } from './sign-in';

/**
 * Nobody can learn whether a DNI, a user name or an e-mail is known by watching the answers of
 * Ingresar, Registrarse or ¿Olvidó su contraseña?: for a known and an unknown one the action
 * answers with the same status and the page shows the same text (the typed value aside).
 *
 * 127.0.0.1 may fail 20 sign-ins in 15 minutes and register 10 times an hour (shared by all
 * specs): this file fails four sign-ins and registers twice.
 */

const KNOWN_DNI = '30111222'; // PEREZ JUAN, active web user
const UNKNOWN_DNI = '41999001';

interface Answer {
  status: number;
  url: string;
  text: string;
}

/** Submits with `submit`, then reads the action's status and what the page shows once it settles. */
async function answerOf(page: Page, typed: string[], submit: () => Promise<void>, settled: (page: Page) => Promise<void>): Promise<Answer> {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']);
  await submit();
  const status = (await response).status();
  await settled(page);
  let text = await page.locator('body').innerText();
  for (const value of typed) text = text.split(value).join('<valor>');
  return { status, url: new URL(page.url()).pathname, text };
}

async function patientLogin(page: Page, dni: string, password: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill(password);
  return answerOf(page, [dni], () => page.getByRole('button', { name: 'Ingresar' }).click(), (p) =>
    expect(p.getByRole('alert').filter({ hasText: 'incorrectos' })).toBeVisible(),
  );
}

async function staffLogin(page: Page, username: string) {
  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill('no-es-la-clave');
  return answerOf(page, [username], () => page.getByRole('button', { name: 'Ingresar' }).click(), (p) =>
    expect(p.getByRole('alert').filter({ hasText: 'incorrectos' })).toBeVisible(),
  );
}

test('Ingresar responde igual a un DNI registrado con otra contraseña que a un DNI desconocido', async ({ page }) => {
  const known = await patientLogin(page, KNOWN_DNI, 'no-es-la-clave');
  const unknown = await patientLogin(page, UNKNOWN_DNI, 'no-es-la-clave');
  expect(known.text).toContain('DNI o contraseña incorrectos.');
  expect(unknown).toEqual(known);
});

test('el ingreso del personal responde igual a un usuario existente que a uno inventado', async ({ page }) => {
  const known = await staffLogin(page, 'recepcion');
  const unknown = await staffLogin(page, 'no-existe-este-usuario');
  expect(known.text).toContain('Usuario o contraseña incorrectos.');
  expect(unknown).toEqual(known);
});

async function forgotPassword(page: Page, dni: string) {
  await page.goto('/recuperar');
  await page.getByLabel('DNI').fill(dni);
  await solveSum(page);
  return answerOf(page, [dni], () => page.getByRole('button', { name: 'Enviar' }).click(), (p) =>
    expect(p.getByRole('heading', { name: 'Revise su correo' })).toBeVisible(),
  );
}

test('¿Olvidó su contraseña? responde igual para un DNI con usuario web y para uno desconocido', async ({ page }) => {
  const known = await forgotPassword(page, KNOWN_DNI);
  const unknown = await forgotPassword(page, UNKNOWN_DNI);
  expect(unknown).toEqual(known);
});

async function register(page: Page, dni: string, email: string) {
  await page.goto('/registrarse');
  await page.getByLabel('DNI de la persona que va a tener el turno').fill(dni);
  await solveSum(page);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('heading', { name: 'Paso 2 de 2: sus datos' })).toBeVisible();
  await page.getByLabel('Apellido').fill('PRUEBA');
  await page.getByLabel('Nombre', { exact: true }).fill('ENUMERACION');
  await page.getByLabel('Fecha de nacimiento').fill('1980-01-02');
  await page.getByLabel('Celular').fill('11 5555-0199');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Obra social / prepaga').selectOption({ label: 'OSDE' });
  await page.getByLabel('Contraseña', { exact: true }).fill('una-clave-larga-1');
  await page.getByLabel('Repita la contraseña').fill('una-clave-larga-1');
  return answerOf(page, [dni, email], () => page.getByRole('button', { name: 'Registrarse' }).click(), (p) =>
    expect(p.getByRole('heading', { name: 'Revise su correo' })).toBeVisible(),
  );
}

test('Registrarse responde igual con un DNI que ya tiene usuario web y con uno nuevo', async ({ page }) => {
  // Paso 1 already answers the same: both DNIs get paso 2.
  const known = await register(page, KNOWN_DNI, 'alguien.mas@example.com');
  const unknown = await register(page, '41999002', 'prueba.enumeracion@example.com');
  expect(unknown).toEqual(known);
});
