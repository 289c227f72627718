import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signInStaff } from './sign-in';

/**
 * TURNOS WEB catalogue screens (manual: "ESPECIALIDADES / PROFESIONALES ACTIVADOS PARA TURNOS WEB")
 * and the base catalogue a center fills first. Names carry a run suffix so they never clash with
 * the seeded demo center or another spec.
 */

/** Forms keep Guardar disabled until hydrated; typing before that would be reset. */
async function formReady(page: Page) {
  await expect(page.getByRole('button', { name: 'Guardar' })).toBeEnabled();
}

const webStatus = (state: 'ACTIVADA' | 'ACTIVADO' | 'DESACTIVADA' | 'DESACTIVADO') => new RegExp(`Turnos Web:\\s*${state}`);

test('el administrador da de alta una especialidad y un profesional, los activa para la web con su mensaje, y el paciente ya puede elegirlos', async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const specialty = `NEUMONOLOGIA ${suffix}`;
  const professional = `QUIROGA SOFIA ${suffix}`;
  await signInStaff(page, 'admin', 'admin1234');

  // Sistema → Especialidades → NUEVO.
  await page.goto('/admin/sistema/especialidades');
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await expect(page.getByRole('heading', { name: 'Nueva Especialidad' })).toBeVisible();
  await formReady(page);
  await page.getByLabel('Nombre', { exact: true }).fill(specialty);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/admin\/sistema\/especialidades\?guardado=1$/);
  await expect(page.getByRole('listitem', { name: specialty })).toBeVisible();

  // The same name again (other case) is refused next to the field, and nothing is created.
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await formReady(page);
  const name = page.getByLabel('Nombre', { exact: true });
  await name.fill(specialty.toLowerCase());
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#name-error')).toHaveText('Ya existe una especialidad con ese nombre.');
  await page.getByRole('link', { name: 'Volver' }).click();
  await expect(page.getByRole('listitem', { name: specialty })).toHaveCount(1);

  // Sistema → Profesionales → NUEVO, attending the new specialty.
  await page.goto('/admin/sistema/profesionales');
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await formReady(page);
  await page.getByLabel('Apellido').fill('QUIROGA');
  await page.getByLabel('Nombre', { exact: true }).fill(`SOFIA ${suffix}`);
  await page.getByLabel('Matrícula').fill('MN 99887');
  await page.getByRole('checkbox', { name: specialty }).check();
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/admin\/sistema\/profesionales\?guardado=1$/);
  await expect(page.getByRole('listitem', { name: professional })).toContainText(specialty);

  // TURNOS WEB → ESPECIALIDADES ACTIVADAS: MODIFICAR ACTIVACION.
  await page.goto('/admin/turnos-web/especialidades');
  const specialtyRow = page.getByRole('listitem', { name: specialty });
  await expect(specialtyRow).toContainText(webStatus('DESACTIVADA'));
  await specialtyRow.getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(specialtyRow).toContainText(webStatus('ACTIVADA'));

  // TURNOS WEB → PROFESIONALES ACTIVADOS: MODIFICAR ACTIVACION and the Mensaje General.
  await page.goto('/admin/turnos-web/profesionales');
  const professionalRow = page.getByRole('listitem', { name: professional });
  await expect(professionalRow).toContainText(webStatus('DESACTIVADO'));
  await professionalRow.getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(professionalRow).toContainText(webStatus('ACTIVADO'));
  await professionalRow.getByRole('link', { name: /^Mensajes y Días/ }).click();
  await formReady(page);
  await page.getByLabel('Mensaje General (previo al turno)').fill('Atiende solo mayores de 18 años.\nTraer espirometrías <previas>.');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/admin\/turnos-web\/profesionales\?guardado=1$/);
  await expect(page.getByRole('listitem', { name: professional })).toContainText('Traer espirometrías <previas>.');

  // The patient portal offers the specialty at once, and the professional's message comes first.
  const patientContext = await browser.newContext();
  const portal = await patientContext.newPage();
  await portal.goto('/ingresar');
  await portal.getByLabel('DNI').fill('30111222');
  await portal.getByLabel('Contraseña').fill('paciente1234');
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await expect(portal).toHaveURL(/\/mis-turnos$/);
  await portal.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await portal.getByLabel('Seleccionar Especialidad').selectOption({ label: specialty });
  await portal.getByRole('button', { name: 'Ver Profesionales' }).click();
  await expect(portal.getByRole('heading', { name: `Profesionales de ${specialty}` })).toBeVisible();
  await expect(portal.getByRole('heading', { name: professional, level: 2 })).toBeVisible();
  await portal.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).click();
  const message = portal.getByRole('dialog', { name: `Mensaje de ${professional}` });
  await expect(message).toContainText('Atiende solo mayores de 18 años.');
  await expect(message).toContainText('Traer espirometrías <previas>.'); // as text, never HTML
  await patientContext.close();
});

test('la recepción consulta los profesionales pero no puede abrir las pantallas de Turnos Web ni cambiar el catálogo', async ({ page }) => {
  await signInStaff(page, 'recepcion', 'recepcion1234');
  for (const path of [
    '/admin/turnos-web/obras-sociales',
    '/admin/turnos-web/profesionales',
    '/admin/turnos-web/especialidades',
    '/admin/turnos-web/estudios',
    '/admin/turnos-web/estudios/nuevo',
    '/admin/sistema/profesionales/nuevo',
    '/admin/sistema/especialidades/nuevo',
  ]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\?motivo=sin-permiso$/);
  }
  await page.goto('/admin/sistema/profesionales');
  await expect(page.getByRole('heading', { name: 'Profesionales', level: 1 })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'GONZALEZ JOSE' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'NUEVO' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Dar de baja/ })).toHaveCount(0);
});

test('las pantallas del catálogo se usan desde el teléfono y no tienen fallas de accesibilidad', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInStaff(page, 'admin', 'admin1234');
  for (const path of [
    '/admin/turnos-web/obras-sociales',
    '/admin/turnos-web/profesionales',
    '/admin/turnos-web/especialidades',
    '/admin/turnos-web/estudios',
    '/admin/turnos-web/estudios/nuevo',
    '/admin/sistema/profesionales/nuevo',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.map((v) => `${path}: ${v.id} (${v.nodes.length})`)).toEqual([]);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }

  // ABM Estudios → NUEVO, then ESTUDIOS of a professional, by keyboard only.
  const study = `ESPIROMETRIA ${Date.now().toString(36).slice(-5).toUpperCase()}`;
  await page.goto('/admin/turnos-web/estudios/nuevo');
  await formReady(page);
  await page.getByLabel('Nombre del Estudio').fill(study);
  await page.getByLabel('INDICACION').fill('No fumar 4 horas antes.\nTraer broncodilatadores.');
  await page.getByLabel('INDICACION').press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/turnos-web\/estudios\?guardado=1$/);
  await expect(page.getByRole('listitem', { name: study })).toContainText('No fumar 4 horas antes.');

  await page.goto('/admin/turnos-web/profesionales?q=LOPEZ');
  await page.getByRole('listitem', { name: 'LOPEZ PABLO' }).getByRole('link', { name: /^ESTUDIOS/ }).click();
  await expect(page.getByRole('heading', { name: 'ESTUDIOS de LOPEZ PABLO' })).toBeVisible();
  await formReady(page);
  await page.getByRole('checkbox', { name: study }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Guardar' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Cambios guardados' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Estudios asignados' })).toContainText(study);
  await expect(page.getByRole('checkbox', { name: study })).toBeChecked();
});
