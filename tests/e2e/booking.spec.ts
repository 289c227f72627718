import { expect, test, type Page } from '@playwright/test';
import { goToNextWeek, pickFirstFreeSlot } from './agenda';

/**
 * The heart of the portal (manual: "TOMAR TURNO WEB", "CONFIRMAR TURNO", "MIS TURNOS"), in the
 * seeded demo center. RODRIGUEZ MARIA (IOMA) books here; other specs use other patients.
 */

async function signIn(page: Page, dni: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
}

test('el paciente toma un turno por especialidad, lee los mensajes, lo imprime, lo ve en Mis Turnos y lo cancela', async ({ page }) => {
  await signIn(page, '28999888');
  await page.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await expect(page.getByRole('heading', { name: 'Tomar un Nuevo Turno' })).toBeVisible();
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: 'CARDIOLOGIA' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();

  // Everyone who attends CARDIOLOGIA, A→Z, with this week's free times.
  await expect(page.getByRole('heading', { name: 'Profesionales de CARDIOLOGIA' })).toBeVisible();
  const names = await page.getByRole('listitem').getByRole('heading', { level: 2 }).allTextContents();
  expect(names).toEqual(['GONZALEZ JOSE', 'JUAREZ LEONEL']);
  await page.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).first().click();

  // The professional's general message cannot be skipped.
  const dialog = page.getByRole('dialog', { name: 'Mensaje de GONZALEZ JOSE' });
  await expect(dialog).toContainText('atiende pacientes mayores de 15 años');
  await expect(page.getByText('Primer turno disponible')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'OK' }).click();

  await expect(page.getByRole('heading', { name: 'GONZALEZ JOSE' })).toBeVisible();
  await expect(page.getByText('Horario Libre')).toBeVisible();
  // Next week: a turno within the 24-hour cutoff could not be cancelled by the patient.
  await goToNextWeek(page);
  const slot = await pickFirstFreeSlot(page);

  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await expect(page.getByText(`${slot} hs`)).toBeVisible();
  await expect(page.getByLabel('Obra Social / Prepaga')).toHaveValue(/\d+/); // her IOMA, preselected
  await page.getByLabel(/Motivo del turno/).fill('Control <b>anual</b> de presión');
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();

  const booked = page.getByRole('dialog', { name: 'Turno Insertado' });
  await expect(booked).toBeVisible();
  await expect(booked).toContainText('Si tiene electrocardiogramas anteriores'); // the professional's post-booking message
  await expect(booked).toContainText('Recuerde traer la orden autorizada por IOMA'); // the insurer's booking message
  await expect(booked).toContainText('Recuerde concurrir con su Carnet de Obra Social y su DNI'); // the center's mail phrase
  await expect(booked).toContainText('Control <b>anual</b> de presión'); // shown as text, never as HTML
  for (const name of ['Imprimir Detalle del Turno', 'Tomar Nuevo Turno', 'Ver Mis Turnos']) {
    await expect(booked.getByRole('link', { name })).toBeVisible();
  }
  await expect(booked.getByRole('button', { name: 'Finalizar (desloguea)' })).toBeVisible();

  await booked.getByRole('link', { name: 'Imprimir Detalle del Turno' }).click();
  await expect(page.getByRole('heading', { name: 'Recordatorio de Turno' })).toBeVisible();
  await expect(page.getByText('GONZALEZ JOSE')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeVisible();

  await page.getByRole('link', { name: 'Volver a Mis Turnos' }).click();
  const mine = page.getByRole('listitem').filter({ hasText: 'Control <b>anual</b> de presión' });
  await expect(mine).toContainText('Reservado');
  await mine.getByRole('button', { name: 'Cancelar' }).click();
  await expect(mine.getByText('¿Confirma la cancelación del turno')).toBeVisible();
  await mine.getByRole('button', { name: 'Sí, cancelar el turno' }).click();
  await expect(mine).toContainText('Cancelado');
  await expect(mine.getByRole('button', { name: 'Cancelar' })).toHaveCount(0);
});

test('ir directo a la agenda no evita el mensaje del profesional', async ({ page }) => {
  await signIn(page, '30111222');
  await page.goto('/tomar-turno/agenda/1');
  await expect(page.getByRole('dialog', { name: /Mensaje de GONZALEZ JOSE/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /, libre/ })).toHaveCount(0);
  // Nor does going straight to the confirmation page.
  await page.goto(`/tomar-turno/confirmar?profesional=1&especialidad=1&inicio=${encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString())}`);
  await expect(page.getByRole('dialog', { name: /Mensaje de GONZALEZ JOSE/ })).toBeVisible();
});

test('el paciente cambia el horario de un turno desde Mis Turnos', async ({ page }) => {
  // LOPEZ MARTA starts with no turnos: book one with GINECOLOGIA, then move it.
  await signIn(page, '32555666');
  await page.goto('/tomar-turno');
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: 'GINECOLOGIA' });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();
  await page.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).first().click();
  // Next week: a turno within the 24-hour cutoff could not be moved by the patient.
  await goToNextWeek(page);
  const first = await pickFirstFreeSlot(page);
  await page.getByLabel(/Motivo del turno/).fill('Turno a mover');
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  await expect(page.getByRole('dialog', { name: 'Turno Insertado' })).toBeVisible();
  await page.getByRole('link', { name: 'Ver Mis Turnos' }).click();

  const original = page.getByRole('listitem').filter({ hasText: 'Turno a mover' });
  await original.getByRole('link', { name: 'Cambiar Horario' }).click();
  // Her own turno now shows as taken, so the first free slot is another one.
  const second = await pickFirstFreeSlot(page);
  expect(second).not.toBe(first);
  await expect(page.getByText('su turno anterior queda cancelado')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  await expect(page.getByRole('dialog', { name: 'Turno Insertado' })).toBeVisible();
  await page.getByRole('link', { name: 'Ver Mis Turnos' }).click();

  // One move: the old one cancelled (kept in the history), the new one reserved, with the reason carried over.
  const items = page.getByRole('listitem').filter({ hasText: 'MARTINEZ LAURA' });
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Cancelado' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Reservado' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Reservado' })).toContainText('Turno a mover');
});
