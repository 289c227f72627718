import { expect, type Browser, type Page } from '@playwright/test';

/** Signing in through the real forms, for specs that need a patient or a staff session. */

export const PATIENT_PASSWORD = 'paciente1234';

export async function signInPatient(page: Page, dni: string, password = PATIENT_PASSWORD): Promise<Page> {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  return page;
}

export async function signInStaff(page: Page, username: string, password: string): Promise<Page> {
  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return page;
}

/** The seeded staff users. */
export const signInAdmin = (page: Page) => signInStaff(page, 'admin', 'admin1234');
export const signInReception = (page: Page) => signInStaff(page, 'recepcion', 'recepcion1234');

/** A new browser context (its own cookies) signed in as the seeded admin or reception user. */
export async function staffPage(browser: Browser, who: 'admin' | 'recepcion'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  return signInStaff(page, who, who === 'admin' ? 'admin1234' : 'recepcion1234');
}

export async function patientPage(browser: Browser, dni: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  return signInPatient(page, dni);
}

/** The anti-spam label is the question itself: "¿Cuánto es 7 + 4?". */
export async function solveSum(page: Page) {
  const field = page.getByLabel(/^¿Cuánto es \d \+ \d\?$/);
  const question = (await page.locator('label[for="answer"]').textContent()) ?? '';
  const [a, b] = question.match(/\d/g)!.map(Number);
  await field.fill(String(a + b));
}
