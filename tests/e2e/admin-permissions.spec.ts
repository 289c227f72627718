import { expect, test } from '@playwright/test';
import { signInStaff } from './sign-in';

/**
 * Server actions are public endpoints: a reception user who replays an admin-only action's request
 * (its id and body captured from a real admin session) must be refused, and nothing may change.
 */

test('la recepción no puede ejecutar una acción de administrador ni llamándola directamente', async ({ browser, baseURL }) => {
  const admin = await browser.newPage();
  await signInStaff(admin, 'admin', 'admin1234');
  await admin.goto('/admin/turnos-web/configuracion');
  const saving = admin.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await admin.getByRole('button', { name: 'Guardar' }).click();
  const request = await saving;
  const actionId = request.headers()['next-action'];
  const body = request.postData()!;
  expect(body).toContain('CENTRO MEDICO DEMO');
  await expect(admin.getByText('Configuración guardada')).toBeVisible();

  const reception = await browser.newPage();
  await signInStaff(reception, 'recepcion', 'recepcion1234');
  // The page itself is closed to reception...
  await reception.goto('/admin/turnos-web/configuracion');
  await expect(reception).toHaveURL(/\/admin\?motivo=sin-permiso$/);
  // ...and so is the action behind it, called by hand with a changed center name.
  const replay = await reception.request.post('/admin/turnos-web/configuracion', {
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: baseURL! },
    data: body.replace('CENTRO MEDICO DEMO', 'CENTRO TOMADO'),
  });
  expect(await replay.text()).toContain('No tiene permiso para esta acción');
  await reception.goto('/');
  await expect(reception.getByRole('heading', { name: /CENTRO MEDICO DEMO/ })).toBeVisible();

  // The same replay with the admin's session does change it: the test can tell the difference.
  const allowed = await admin.request.post('/admin/turnos-web/configuracion', {
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: baseURL! },
    data: body.replace('CENTRO MEDICO DEMO', 'CENTRO MEDICO DEMO'),
  });
  expect(allowed.ok()).toBe(true);
  expect(await allowed.text()).not.toContain('No tiene permiso');
});
