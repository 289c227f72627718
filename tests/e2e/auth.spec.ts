import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Sign-in, sign-out and the idle lock, against the seeded demo center (tests/e2e/server.ts:
 * idle lock of 1 minute for patients and staff).
 *
 * All specs reach the server from 127.0.0.1, which may fail 20 sign-ins per 15 minutes: only one
 * wrong password here.
 */

const IDLE_MESSAGE = 'Ha estado inactivo mas de 1 minutos. Por seguridad se cerró su sesión.';

async function signInPatient(page: Page, dni: string, password = 'paciente1234') {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

async function signInStaff(page: Page, username: string, password: string) {
  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

function alertWith(page: Page, text: string) {
  // Next.js has its own (empty) route announcer alert: pick ours by its text.
  return page.getByRole('alert').filter({ hasText: text });
}

test('el paciente ingresa con su DNI (con puntos) y contraseña, ve su nombre y sale', async ({ page, context }) => {
  await signInPatient(page, '30.111.222');
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await expect(page.getByText('Conectado como PEREZ JUAN')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mis Turnos' })).toBeVisible();
  const sessionCookie = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  expect(sessionCookie).toBeDefined();

  await page.getByRole('button', { name: 'Salir' }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.getByText('Conectado como')).toHaveCount(0);

  // Signed out for real: the private page sends to the sign-in page, without the idle notice.
  await page.goto('/mis-turnos');
  await expect(page).toHaveURL(/\/ingresar\?desde=%2Fmis-turnos$/);
  await expect(page.getByText(IDLE_MESSAGE)).toHaveCount(0);

  // A request still in flight at "Salir" comes back with the session cookie re-issued: that
  // session must stay ended.
  await context.addCookies([sessionCookie!]);
  await page.goto('/');
  await expect(page.getByText('Conectado como')).toHaveCount(0);
  await context.addCookies([sessionCookie!]);
  await page.goto('/mis-turnos');
  await expect(page).toHaveURL(/\/ingresar\?desde=%2Fmis-turnos$/);
  await expect(page.getByText(IDLE_MESSAGE)).toHaveCount(0);
});

test('con una contraseña equivocada ve "DNI o contraseña incorrectos." y no pierde lo que escribió', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByText('Ingrese su DNI.')).toBeVisible();
  await expect(page.getByText('Ingrese su contraseña.')).toBeVisible();
  await expect(page.getByLabel('DNI')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('DNI').fill('28999888');
  await page.getByLabel('Contraseña').fill('no-es-esta');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(alertWith(page, 'DNI o contraseña incorrectos.')).toBeVisible();
  await expect(page).toHaveURL(/\/ingresar$/);
  await expect(page.getByLabel('DNI')).toHaveValue('28999888');
  await expect(page.getByLabel('Contraseña')).toHaveValue('no-es-esta');
});

test('una cuenta sin activar y una deshabilitada no ingresan y leen por qué', async ({ page }) => {
  await signInPatient(page, '33444555');
  await expect(alertWith(page, 'abra el enlace que le enviamos por e-mail')).toBeVisible();
  await expect(page).toHaveURL(/\/ingresar$/);

  await page.getByLabel('DNI').fill('27666777');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  const refusal = alertWith(page, 'Su usuario está deshabilitado para tomar turnos web');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Deshabilitado por inasistencias reiteradas. Comuníquese con el centro.');
  await expect(page.getByText('Conectado como')).toHaveCount(0);
});

test('el administrador ingresa al panel y sale', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/ingresar\?desde=%2Fadmin$/);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('admin1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText('Conectado como Administrador')).toBeVisible();

  await page.getByRole('button', { name: 'Salir' }).click();
  await expect(page).toHaveURL(/\/admin\/ingresar$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/ingresar/);
});

test('un paciente con sesión no puede abrir el panel del personal', async ({ page }) => {
  await signInPatient(page, '28999888');
  await expect(page.getByText('Conectado como RODRIGUEZ MARIA')).toBeVisible();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/ingresar/);
  await expect(page.getByText('Conectado como Administrador')).toHaveCount(0);
});

test.describe('bloqueo de sesión por inactividad (1 minuto en el servidor de prueba)', () => {
  test.setTimeout(180_000);

  test('pasado el minuto sin actividad, paciente y personal vuelven a ingresar con el aviso del manual; con actividad siguen conectados', async ({
    browser,
  }) => {
    async function open(b: Browser) {
      const context = await b.newContext();
      return context.newPage();
    }
    const sleepUntil = async (start: number, ms: number) => {
      const left = start + ms - Date.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    };

    // Each scenario in its own browser context, all at once: one wait for all of them.
    const patientNavigates = async () => {
      const page = await open(browser);
      await signInPatient(page, '30111222');
      await expect(page).toHaveURL(/\/mis-turnos$/);
      // Nothing on screen that could act on its own (no idle lock script, no prefetch): only the
      // server's clock decides. The last request it saw was before this instant.
      await page.goto('about:blank');
      const start = Date.now();
      await sleepUntil(start, 62_000);
      await page.goto('/mis-turnos');
      await expect(page).toHaveURL(/:\d+\/ingresar\?motivo=inactivo/);
      await expect(page.getByText(IDLE_MESSAGE)).toBeVisible();
      await expect(page.getByText('Conectado como')).toHaveCount(0);
      // The session is gone, not just hidden: next time it is a plain sign-in.
      await page.goto('/mis-turnos');
      await expect(page).toHaveURL(/\/ingresar\?desde=%2Fmis-turnos$/);
    };

    const staffNavigates = async () => {
      const page = await open(browser);
      await signInStaff(page, 'recepcion', 'recepcion1234');
      await expect(page).toHaveURL(/\/admin$/);
      await page.goto('about:blank');
      const start = Date.now();
      await sleepUntil(start, 62_000);
      await page.goto('/admin');
      await expect(page).toHaveURL(/\/admin\/ingresar\?motivo=inactivo/);
      await expect(page.getByText(IDLE_MESSAGE)).toBeVisible();
    };

    // Left open on a private page: the page itself shows the lock, without a click.
    const leftOpen = async (signIn: (page: Page) => Promise<void>, loginPath: string) => {
      const page = await open(browser);
      await signIn(page);
      await expect(page.getByText(/Conectado como/)).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`:\\d+${loginPath}\\?motivo=inactivo`), { timeout: 100_000 });
      await expect(page.getByText(IDLE_MESSAGE)).toBeVisible();
    };

    const patientKeepsUsingIt = async () => {
      const page = await open(browser);
      await signInPatient(page, '28999888');
      await expect(page).toHaveURL(/\/mis-turnos$/);
      const start = Date.now();
      await sleepUntil(start, 40_000);
      await page.getByRole('link', { name: 'Ver Obras Sociales / Prepagas' }).click();
      await expect(page).toHaveURL(/\/obras-sociales$/);
      // 75 s after signing in, but only 35 s after the last thing done.
      await sleepUntil(start, 75_000);
      await page.getByRole('link', { name: 'Mis Turnos' }).click();
      await expect(page).toHaveURL(/\/mis-turnos$/);
      await expect(page.getByText('Conectado como RODRIGUEZ MARIA')).toBeVisible();
    };

    // A tab whose timers slept (a phone in a pocket): the first click is a server action, and
    // the server answers it with the lock too.
    const patientClicksAfterSleeping = async () => {
      const page = await open(browser);
      await page.clock.install();
      await signInPatient(page, '28999888');
      await expect(page).toHaveURL(/\/mis-turnos$/);
      // Let background prefetches finish, then stop the page's timers.
      await page.waitForTimeout(3_000);
      await page.clock.pauseAt(new Date(Date.now() + 1_000));
      const start = Date.now();
      await sleepUntil(start, 63_000);
      await page.getByRole('button', { name: 'Salir' }).click();
      await expect(page).toHaveURL(/:\d+\/ingresar\?motivo=inactivo/);
      await expect(page.getByText(IDLE_MESSAGE)).toBeVisible();
    };

    await Promise.all([
      patientClicksAfterSleeping(),
      patientNavigates(),
      staffNavigates(),
      leftOpen((page) => signInPatient(page, '30111222'), '/ingresar'),
      leftOpen((page) => signInStaff(page, 'admin', 'admin1234'), '/admin/ingresar'),
      patientKeepsUsingIt(),
    ]);
  });
});
