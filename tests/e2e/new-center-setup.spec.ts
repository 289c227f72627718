import { expect, test, type Page } from '@playwright/test';

/**
 * A center set up by its admin, then used by a patient: the contact hours, an insurer, a specialty
 * and a professional with an agenda, all new, and a web booking of exactly that. Names carry a run
 * suffix so they never clash with the demo center or another spec.
 */

const WEEKDAYS = ['Domingo', 'Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes', 'Sábado'];

async function ready(page: Page) {
  // Forms keep Guardar disabled until they can take input (catalogue screens).
  await expect(page.getByRole('button', { name: 'Guardar' }).first()).toBeEnabled();
}

test('el administrador arma un centro nuevo y un paciente toma turno con lo que configuró', async ({ page, browser }) => {
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const insurer = `OSPRUEBA ${suffix}`;
  const specialty = `FONOAUDIOLOGIA ${suffix}`;
  const professional = `SOSA ELENA ${suffix}`;
  const hours = `Lunes a Sábado de 8 a 20hs. ${suffix}`;

  await page.goto('/admin/ingresar');
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('admin1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // CONFIGURACION BASICA: the contact hours the portal's footer shows.
  await page.goto('/admin/turnos-web/configuracion');
  const previousHours = await page.getByLabel('Horario de Contacto').inputValue();
  await page.getByLabel('Horario de Contacto').fill(hours);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Configuración guardada')).toBeVisible();

  // An insurer for the web, with its message after each booking.
  await page.goto('/admin/turnos-web/obras-sociales');
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await ready(page);
  await page.getByLabel('Nombre', { exact: true }).fill(insurer);
  await page.getByLabel('Mensaje p/ Turnos').fill(`Traer el bono ${suffix} firmado.`);
  await page.getByRole('button', { name: 'Guardar' }).click();
  const insurerRow = page.getByRole('listitem', { name: insurer });
  await insurerRow.getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(insurerRow).toContainText(/Turnos Web:\s*ACTIVADA/);

  // A specialty and a professional in it, both offered on the web.
  await page.goto('/admin/sistema/especialidades');
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await ready(page);
  await page.getByLabel('Nombre', { exact: true }).fill(specialty);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.goto('/admin/turnos-web/especialidades');
  await page.getByRole('listitem', { name: specialty }).getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(page.getByRole('listitem', { name: specialty })).toContainText(/ACTIVADA/);

  await page.goto('/admin/sistema/profesionales');
  await page.getByRole('link', { name: 'NUEVO' }).click();
  await ready(page);
  await page.getByLabel('Apellido').fill('SOSA');
  await page.getByLabel('Nombre', { exact: true }).fill(`ELENA ${suffix}`);
  await page.getByRole('checkbox', { name: specialty }).check();
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.goto('/admin/turnos-web/profesionales');
  await page.getByRole('listitem', { name: professional }).getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(page.getByRole('listitem', { name: professional })).toContainText(/Turnos Web:\s*ACTIVADO/);

  // Her agenda: one weekday, three days from now, 10:00 to 12:00 in 30-minute turnos.
  const day = WEEKDAYS[new Date(Date.now() + 3 * 86_400_000).getDay()];
  await page.goto('/admin/agendas');
  await page.getByLabel('Profesional').selectOption({ label: professional });
  await page.getByRole('button', { name: 'Ver agenda' }).click();
  await page.getByRole('link', { name: 'Agregar horario' }).click();
  const form = page.getByRole('form', { name: 'Nuevo horario' });
  await expect(form.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await form.getByLabel('Día de la semana').selectOption({ label: day });
  await form.getByLabel('Desde la hora').fill('10:00');
  await form.getByLabel('Hasta la hora').fill('12:00');
  await form.getByLabel('Duración de cada turno (minutos)').fill('30');
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Agenda guardada.' })).toBeVisible();

  // The patient books exactly that.
  const patient = await (await browser.newContext()).newPage();
  await patient.goto('/ingresar');
  await patient.getByLabel('DNI').fill('28999888');
  await patient.getByLabel('Contraseña').fill('paciente1234');
  await patient.getByRole('button', { name: 'Ingresar' }).click();
  await expect(patient).toHaveURL(/\/mis-turnos$/);
  await expect(patient.getByText(hours)).toBeVisible(); // the new contact hours, in the footer
  await patient.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await patient.getByLabel('Seleccionar Especialidad').selectOption({ label: specialty });
  await patient.getByRole('button', { name: 'Ver Profesionales' }).click();
  await expect(patient.getByRole('heading', { name: professional, level: 2 })).toBeVisible();
  await patient.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).click();
  await expect(patient.getByText('Horario Libre')).toBeVisible();
  const first = patient.getByRole('link', { name: new RegExp(`^${day} \\d\\d/\\d\\d 10:00, libre, primer turno disponible$`) });
  if (!(await first.count())) {
    const url = patient.url();
    await patient.getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ }).first().click();
    await expect(patient).not.toHaveURL(url);
  }
  await first.click();
  await patient.getByLabel('Obra Social / Prepaga').selectOption({ label: insurer });
  await patient.getByRole('button', { name: 'Confirmar Turno' }).click();
  const booked = patient.getByRole('dialog', { name: 'Turno Insertado' });
  await expect(booked).toContainText(professional);
  await expect(booked).toContainText(`Traer el bono ${suffix} firmado.`);

  // Leave the shared setting as it was.
  await page.goto('/admin/turnos-web/configuracion');
  await page.getByLabel('Horario de Contacto').fill(previousHours);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Configuración guardada')).toBeVisible();
});
