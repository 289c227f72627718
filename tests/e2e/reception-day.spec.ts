import { expect, test } from '@playwright/test';
import { signInReception } from './sign-in';

/**
 * "PANTALLA DE TURNOS": a receptionist's day with PEREZ CARLOS (Mon-Fri 08:00-11:00, 15-minute
 * slots). Other specs do not book him in the specialty server.
 */

/** The next weekday at least two days ahead, 'yyyy-MM-dd'. */
function nextWorkday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('la recepción da un turno por teléfono a un paciente nuevo, un sobreturno, y cancela y borra', async ({ page }) => {
  await signInReception(page);
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Pantalla de Turnos' }).click();
  await page.getByLabel('Profesional', { exact: true }).selectOption({ label: 'PEREZ CARLOS' });
  await page.getByLabel('Fecha', { exact: true }).fill(nextWorkday());
  await page.getByRole('button', { name: 'Ver' }).click();
  await expect(page.getByRole('heading', { name: /PEREZ CARLOS/ })).toBeVisible();

  // A free slot → "Dar turno" → a patient who calls for the first time.
  const free = page.getByRole('link', { name: /^Dar turno / }).first();
  const slotName = (await free.getAttribute('aria-label'))!;
  await free.click();
  await expect(page.getByRole('heading', { name: 'Dar turno' })).toBeVisible();
  await page.getByLabel('Buscar paciente (DNI o apellido)').fill('36111999');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByText('No se encontró ningún paciente.')).toBeVisible();
  await page.getByRole('button', { name: 'Paciente nuevo' }).click();
  const form = page.getByRole('form', { name: 'Paciente nuevo' });
  await expect(form.getByLabel('DNI')).toHaveValue('36111999');
  await form.getByRole('button', { name: 'Guardar paciente' }).click();
  await expect(form.getByText('Ingrese el apellido.')).toBeVisible();
  await form.getByLabel('Apellido').fill('Benítez');
  await form.getByLabel('Nombre').fill('Rosa');
  await form.getByLabel('Celular (sin 0 ni 15)').fill('11 4444-5555');
  await form.getByRole('button', { name: 'Guardar paciente' }).click();
  await expect(page.getByText('BENÍTEZ ROSA')).toBeVisible();
  await page.getByLabel('Motivo').fill('Llamó por teléfono');
  await page.getByRole('button', { name: 'Otorgar Turno' }).click();

  // Back on the day: her turno, typed SISTEMA, where the free slot was.
  await expect(page).toHaveURL(/\/admin\/turnos\?/);
  const row = page.getByRole('row').filter({ hasText: 'BENÍTEZ ROSA' });
  await expect(row).toContainText('SISTEMA');
  await expect(row).toContainText('Reservado');
  await expect(page.getByRole('link', { name: slotName })).toHaveCount(0);

  // A sobreturno on the same slot, for a patient found by name.
  await row.getByRole('link', { name: 'Dar sobreturno' }).click();
  await expect(page.getByRole('heading', { name: 'Dar sobreturno' })).toBeVisible();
  await page.getByLabel('Buscar paciente (DNI o apellido)').fill('gutierrez');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('list', { name: 'Pacientes encontrados' }).getByRole('button', { name: 'Elegir' }).first().click();
  await expect(page.getByLabel('Sobreturno (dar el turno aunque el horario esté ocupado)')).toBeChecked();
  await page.getByRole('button', { name: 'Otorgar Turno' }).click();
  // He may have other turnos that day: his sobreturno is the one marked so.
  const over = page.getByRole('row').filter({ hasText: 'GUTIERREZ LORENZO' }).filter({ hasText: /· SOBRETURNO/ });
  await expect(over).toHaveCount(1);

  // Cancel hers (with confirmation), delete the sobreturno (it disappears).
  await row.getByRole('button', { name: 'Cancelar' }).click();
  await row.getByRole('button', { name: 'Sí, CANCELAR EL TURNO' }).click();
  await expect(row).toContainText('Cancelado');
  await over.getByRole('button', { name: 'Borrar' }).click();
  await over.getByRole('button', { name: 'Sí, BORRAR EL TURNO' }).click();
  await expect(over).toHaveCount(0);
});

test('la recepción marca presentes y ausentes en los turnos de hoy', async ({ page }) => {
  await signInReception(page);
  // The demo has turnos earlier today or in the last days; walk back until one can be marked.
  await page.goto('/admin/turnos?vista=semana');
  for (const name of ['GONZALEZ JOSE', 'JUAREZ LEONEL', 'MARTINEZ LAURA', 'FERNANDEZ SOFIA', 'PEREZ CARLOS']) {
    await page.getByLabel('Profesional', { exact: true }).selectOption({ label: name });
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Fecha', { exact: true }).fill(weekAgo);
    await page.getByRole('button', { name: 'Ver' }).click();
    const marked = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Ausente' }) }).first();
    if (await marked.count()) {
      const patient = (await marked.locator('td').nth(1).locator('span').first().textContent())!;
      await marked.getByRole('button', { name: 'Ausente' }).click();
      const same = page.getByRole('row').filter({ hasText: patient }).first();
      await expect(same).toContainText('Ausente');
      await same.getByRole('button', { name: 'Presente' }).click();
      await expect(same).toContainText('Presente');
      return;
    }
  }
  throw new Error('no turno to mark in the last week of the demo agendas');
});
