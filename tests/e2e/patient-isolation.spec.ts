import { expect, test, type Browser } from '@playwright/test';

async function signedIn(browser: Browser, dni: string) {
  const page = await browser.newPage();
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  return page;
}

test('un paciente no puede ver los turnos de otro aunque escriba la dirección', async ({ browser }) => {
  const juan = await signedIn(browser, '30111222');
  const href = await juan.getByRole('link', { name: 'Reimprimir' }).first().getAttribute('href');
  const id = href!.match(/\/mis-turnos\/(\d+)\//)![1];
  await juan.goto(href!);
  await expect(juan.getByText('PEREZ JUAN (DNI 30111222)')).toBeVisible();

  const maria = await signedIn(browser, '28999888');
  for (const path of [`/mis-turnos/${id}/imprimir`, `/mis-turnos/${id}/insertado`]) {
    const response = await maria.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(maria.getByText('PEREZ JUAN')).toHaveCount(0);
  }
  // And her own list never shows his turnos.
  await maria.goto('/mis-turnos');
  await expect(maria.locator(`a[href^="/mis-turnos/${id}/"]`)).toHaveCount(0);
});
