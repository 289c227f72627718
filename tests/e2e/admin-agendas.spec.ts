import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForMail } from './mail';
import { signInAdmin } from './sign-in';

/**
 * AGENDAS and FERIADOS Y AUSENCIAS on the seeded demo center. Only JUAREZ LEONEL (Tue/Thu
 * 14:00-18:00, 20-minute slots) is touched: other specs book other professionals in this server.
 * The turnos it cancels are of patients other than the demo web users, whom other specs read.
 */

const PROFESSIONAL = 'JUAREZ LEONEL';
const DEMO_WEB_USERS = /PEREZ JUAN|RODRIGUEZ MARIA/;
const TZ = 'America/Argentina/Buenos_Aires';

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, what).toEqual([]);
}

/** A local date in Buenos Aires, `days` from today, 'yyyy-MM-dd'. */
function localDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(Date.now() + days * 86_400_000));
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const ddmm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const plus20 = (time: string) => {
  const m = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + 20;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** The Pantalla de Turnos' reserved turnos of one day: time and patient, in order. */
async function reservedTurnos(page: Page, professionalId: string, date: string): Promise<Array<{ time: string; patient: string }>> {
  await page.goto(`/admin/turnos?profesional=${professionalId}&fecha=${date}&vista=dia`);
  await expect(page.getByRole('heading', { name: new RegExp(PROFESSIONAL) })).toBeVisible();
  const out: Array<{ time: string; patient: string }> = [];
  for (const row of await page.getByRole('row').filter({ hasText: 'Reservado' }).all()) {
    const time = (await row.locator('td').nth(0).textContent())!.trim();
    const patient = (await row.locator('td').nth(1).locator('span').first().textContent())!.trim();
    out.push({ time, patient });
  }
  return out;
}

test('el administrador agrega un horario y ve su vista previa; una ausencia sobre turnos dados los muestra, los cancela avisando a los pacientes y figuran Cancelados en la Pantalla de Turnos; un feriado cierra el día', async ({
  page,
  request,
}) => {
  await signInAdmin(page);

  // AGENDAS: the professional's week, one row per weekday.
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Horarios de atención' }).click();
  await expect(page.getByRole('heading', { name: 'Agendas', level: 1 })).toBeVisible();
  await page.getByLabel('Profesional').selectOption({ label: PROFESSIONAL });
  await page.getByRole('button', { name: 'Ver agenda' }).click();
  const professionalId = new URL(page.url()).searchParams.get('profesional')!;
  const rules = page.getByRole('table', { name: `Horarios vigentes y futuros de ${PROFESSIONAL}` });
  await expect(rules.getByRole('row', { name: /^Martes 14:00 a 18:00 20 min/ })).toBeVisible();
  await expect(rules.getByRole('row', { name: 'Sábado No atiende' })).toBeVisible();
  await expectAccessible(page, 'Agendas');

  // Agregar horario: an overlap is refused next to the field, then a Saturday morning is saved.
  await page.getByRole('link', { name: 'Agregar horario' }).click();
  const form = page.getByRole('form', { name: 'Nuevo horario' });
  await expect(form.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await form.getByLabel('Día de la semana').selectOption({ label: 'Martes' });
  await form.getByLabel('Desde la hora').fill('15:00');
  await form.getByLabel('Hasta la hora').fill('16:00');
  await form.getByLabel('Duración de cada turno (minutos)').fill('30');
  await expect(form.getByText('2 turnos por día.')).toBeVisible();
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByLabel('Desde la hora')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#startTime-error')).toHaveText(/^Se superpone con el horario del Martes de 14:00 a 18:00/);
  await expectAccessible(page, 'Agregar horario con un error');

  await form.getByLabel('Día de la semana').selectOption({ label: 'Sábado' });
  await form.getByLabel('Desde la hora').fill('09:00');
  await form.getByLabel('Hasta la hora').fill('11:00');
  await form.getByLabel('Ofrecer estos horarios en Turnos Web').uncheck();
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/admin\/agendas\?.*guardado=1/);
  const weekOfNewHours = new URL(page.url()).searchParams.get('semana')!;
  await expect(page.getByRole('status').filter({ hasText: 'Agenda guardada.' })).toBeVisible();
  await expect(rules.getByRole('row', { name: /^Sábado 09:00 a 11:00 30 min desde \d\d\/\d\d\/\d{4} CARDIOLOGIA No/ })).toBeVisible();
  // The preview of the week the new hours start: the Saturday's slots, from the same generator as the agenda.
  const preview = page.getByRole('list', { name: 'Turnos que da la agenda' });
  await expect(preview.getByRole('listitem').filter({ hasText: /^Sábado \d\d\/\d\d:/ })).toHaveText(/^Sábado \d\d\/\d\d: 09:00 09:30 10:00 10:30 \(4 turnos\)$/);
  await expect(preview.getByRole('listitem').filter({ hasText: /^Martes \d\d\/\d\d:/ })).toContainText(/14:00 14:20 14:40 .* 17:40|Cerrado/);

  // A day ahead with two turnos in a row of patients no other spec reads.
  let day = '';
  let picked: Array<{ time: string; patient: string }> = [];
  for (let offset = 2; offset <= 14 && !day; offset++) {
    const date = localDate(offset);
    if (weekday(date) !== 2 && weekday(date) !== 4) continue;
    const turnos = await reservedTurnos(page, professionalId, date);
    for (let i = 0; i + 1 < turnos.length; i++) {
      if (!DEMO_WEB_USERS.test(turnos[i].patient) && !DEMO_WEB_USERS.test(turnos[i + 1].patient)) {
        day = date;
        picked = [turnos[i], turnos[i + 1]];
        break;
      }
    }
  }
  expect(day, 'a Tuesday or Thursday with two turnos of other patients').not.toBe('');

  // FERIADOS Y AUSENCIAS: an absence for those hours lists both turnos before saving anything.
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Feriados y ausencias' }).click();
  await expect(page.getByRole('heading', { name: 'Feriados y ausencias', level: 1 })).toBeVisible();
  const absence = page.getByRole('form', { name: 'Agregar ausencia' });
  await expect(absence.getByRole('button', { name: 'Agregar ausencia' })).toBeEnabled();
  await absence.getByLabel('Profesional').selectOption({ label: PROFESSIONAL });
  await absence.getByLabel('Desde el día').fill(day);
  await absence.getByLabel('Hasta el día').fill(day);
  await absence.getByLabel('Solo una parte del día').check();
  await absence.getByLabel('Desde la hora').fill(picked[0].time);
  await absence.getByLabel('Hasta la hora').fill(plus20(picked[1].time));
  await absence.getByLabel('Motivo').fill('Congreso');
  await absence.getByRole('button', { name: 'Agregar ausencia' }).click();

  const affected = absence.getByRole('region', { name: 'Turnos afectados (2)' });
  await expect(affected).toBeVisible();
  await expect(affected.getByRole('heading', { name: 'Turnos afectados (2)' })).toBeFocused();
  for (const t of picked) {
    await expect(affected.getByRole('row', { name: new RegExp(`${ddmm(day)}/\\d{4} ${t.time} ${PROFESSIONAL} ${t.patient}`) })).toBeVisible();
  }
  await expectAccessible(page, 'Turnos afectados');
  const emails: string[] = [];
  for (const row of await affected.locator('tbody tr').all()) {
    const email = (await row.locator('td').nth(5).textContent())!.trim();
    if (email.includes('@')) emails.push(email);
  }
  const cancelledSince = Date.now();
  await affected.getByRole('button', { name: 'Cancelar los turnos y avisar a los pacientes' }).click();
  await expect(absence.getByRole('status').filter({ hasText: /^Ausencia guardada/ })).toHaveText('Ausencia guardada. Se cancelaron 2 turnos y se avisó a los pacientes por e-mail.');
  await expect(
    page.getByRole('table', { name: 'Ausencias de profesionales, de hoy en adelante' }).getByRole('row', { name: new RegExp(`^${PROFESSIONAL} ${ddmm(day)}/\\d{4} De ${picked[0].time} a ${plus20(picked[1].time)} Congreso`) }),
  ).toBeVisible();

  // PANTALLA DE TURNOS: both turnos stay, Cancelado; the hours between them are no longer offered.
  await page.goto(`/admin/turnos?profesional=${professionalId}&fecha=${day}&vista=dia`);
  for (const t of picked) {
    await expect(page.getByRole('row').filter({ hasText: t.patient }).filter({ hasText: t.time }).first()).toContainText('Cancelado');
  }
  await expect(page.getByRole('link', { name: new RegExp(`^Dar turno .* ${picked[0].time}$`) })).toHaveCount(0);
  // Each patient with an e-mail is told (through the outbox and the worker).
  for (const to of emails) {
    await waitForMail(request, { to, subject: new RegExp(`^Turno cancelado: ${ddmm(day)}/\\d{4} .* con ${PROFESSIONAL}$`), since: cancelledSince });
  }

  // A center holiday on a Saturday months ahead (where no other spec looks): the preview shows it closed.
  const saturday = addDays(weekOfNewHours, 12 * 7);
  await page.getByRole('navigation', { name: 'Menú del personal' }).getByRole('link', { name: 'Feriados y ausencias' }).click();
  const holidayForm = page.getByRole('form', { name: 'Agregar feriado' });
  await expect(holidayForm.getByRole('button', { name: 'Agregar feriado' })).toBeEnabled();
  await holidayForm.getByLabel('Desde el día').fill(saturday);
  await holidayForm.getByLabel('Hasta el día').fill(saturday);
  await holidayForm.getByLabel('Motivo').fill('Jornada de capacitación');
  await holidayForm.getByRole('button', { name: 'Agregar feriado' }).click();
  await expect(holidayForm.getByRole('status').filter({ hasText: /^Feriado guardado/ })).toHaveText('Feriado guardado.');
  const holidays = page.getByRole('table', { name: 'Feriados del centro, de hoy en adelante' });
  const holidayRow = holidays.getByRole('row', { name: new RegExp(`^${ddmm(saturday)}/\\d{4} Todo el día Jornada de capacitación`) });
  await expect(holidayRow).toBeVisible();
  await page.goto(`/admin/agendas?profesional=${professionalId}&semana=${saturday}`);
  await expect(preview.getByRole('listitem').filter({ hasText: /^Sábado/ })).toHaveText(`Sábado ${ddmm(saturday)}: Cerrado (Jornada de capacitación)`);
  // Quitar: the Saturday has its hours again.
  await page.goto('/admin/feriados');
  await holidayRow.getByRole('button', { name: /^Quitar/ }).click();
  await holidayRow.getByRole('button', { name: /^Sí, quitar/ }).click();
  await expect(holidayRow).toHaveCount(0);
  await page.goto(`/admin/agendas?profesional=${professionalId}&semana=${saturday}`);
  await expect(preview.getByRole('listitem').filter({ hasText: /^Sábado/ })).toContainText('09:00 09:30 10:00 10:30');
});
