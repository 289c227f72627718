import { expect, test, type Browser } from '@playwright/test';
import { patientPage } from './sign-in';

const signedIn = (browser: Browser, dni: string) => patientPage(browser, dni);

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

/**
 * The ids of a patient's own turnos travel in the requests of Cancelar and Modificar Motivo (bound
 * to the action in the browser): a patient who swaps in someone else's id is refused, and the
 * other patient's turno does not change.
 */
test('un paciente no puede cancelar ni cambiar el motivo de un turno ajeno cambiando el id del pedido', async ({ browser }) => {
  // MARIA's next turno that she could still cancel herself.
  const maria = await signedIn(browser, '28999888');
  const hers = maria.getByRole('listitem').filter({ has: maria.getByRole('button', { name: 'Cancelar' }) }).first();
  const herId = (await hers.getByRole('link', { name: 'Reimprimir' }).getAttribute('href'))!.match(/\/mis-turnos\/(\d+)\//)![1];
  const herReason = (await hers.textContent())!;

  const juan = await signedIn(browser, '30111222');
  const cancellable = juan.getByRole('listitem').filter({ has: juan.getByRole('button', { name: 'Cancelar' }) }).first();
  const myId = (await cancellable.getByRole('link', { name: 'Reimprimir' }).getAttribute('href'))!.match(/\/mis-turnos\/(\d+)\//)![1];
  const mine = juan.getByRole('listitem').filter({ has: juan.locator(`a[href="/mis-turnos/${myId}/imprimir"]`) });
  const swapped: string[] = [];
  await juan.route('**/mis-turnos', async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() !== 'POST' || !request.headers()['next-action'] || !body) return route.continue();
    // The bound id is the first argument: [<id>, ...] in plain or multipart bodies.
    const changed = body.replace(new RegExp(`\\[${myId}([,\\]])`), `[${herId}$1`);
    if (changed !== body) swapped.push(request.headers()['next-action']);
    await route.continue({ postData: changed });
  });

  await mine.getByRole('button', { name: 'Modificar Motivo' }).click();
  await mine.getByLabel('Motivo del turno').fill('Motivo cambiado por otro paciente');
  await mine.getByRole('button', { name: 'Guardar Motivo' }).click();
  await expect(mine.getByRole('alert').filter({ hasText: 'No encontramos ese turno, o ya no se puede modificar.' })).toBeVisible();

  await mine.getByRole('button', { name: 'Cancelar' }).click();
  await mine.getByRole('button', { name: 'Sí, cancelar el turno' }).click();
  await expect(mine.getByRole('alert').filter({ hasText: /^No encontramos ese turno\.$/ })).toBeVisible();
  expect(swapped).toHaveLength(2);

  // Her turno is still reserved, with her own reason.
  await maria.reload();
  const still = maria.getByRole('listitem').filter({ has: maria.locator(`a[href="/mis-turnos/${herId}/imprimir"]`) });
  await expect(still.getByRole('button', { name: 'Cancelar' })).toBeVisible();
  expect(await still.textContent()).toBe(herReason);
  await expect(maria.getByText('Motivo cambiado por otro paciente')).toHaveCount(0);
});

test('un paciente no ve los datos de otro en Mis Datos ni al pedir cambiar un turno ajeno', async ({ browser }) => {
  const maria = await signedIn(browser, '28999888');
  const hers = maria.getByRole('listitem').filter({ has: maria.getByRole('link', { name: 'Cambiar Horario' }) }).first();
  const change = (await hers.getByRole('link', { name: 'Cambiar Horario' }).getAttribute('href'))!;
  const juan = await signedIn(browser, '30111222');
  await juan.goto('/mis-datos');
  await expect(juan.getByText('PEREZ').first()).toBeVisible();
  await expect(juan.getByText('RODRIGUEZ')).toHaveCount(0);
  await expect(juan.getByText('28999888')).toHaveCount(0);
  // Her "Cambiar Horario" link, opened by him: nothing of hers shows.
  await juan.goto(change);
  await expect(juan.getByText('RODRIGUEZ')).toHaveCount(0);
});
