import { expect, test, type Page } from '@playwright/test';
import { attachmentText, htmlText, icsProperty, linksIn, listMail, waitForMail, type Mail } from './mail';

/**
 * The mails a patient really gets (manual, CONFIRMAR TURNO: "se envía un mail con los datos del
 * turno"), read from the SMTP catcher that tests/e2e/server.ts starts.
 *
 * PEREZ JUAN books DERMATOLOGIA / FERNANDEZ SOFIA three weeks ahead: past the seeded turnos
 * (±14 days) and away from the first free slots other specs take. Other specs also mail him, so
 * every lookup is by exact subject and `since`.
 */

const PATIENT = { dni: '30111222', email: 'juan.perez@example.com', name: 'PEREZ JUAN' };
const PROFESSIONAL = 'FERNANDEZ SOFIA';
const SPECIALTY = 'DERMATOLOGIA';
const CENTER_FROM = { name: 'CENTRO MEDICO DEMO', address: 'turnos@centromedicodemo.com.ar' };
const MAIL_PHRASE = 'Recuerde concurrir con su Carnet de Obra Social y su DNI';
const SLOT_MINUTES = 30; // FERNANDEZ SOFIA's agenda (db/seed-data.ts)
const TIME_ZONE = 'America/Argentina/Buenos_Aires';

async function signIn(page: Page, dni: string) {
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill(dni);
  await page.getByLabel('Contraseña').fill('paciente1234');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
}

/** How the center writes an instant: "Martes", "22/12/2026", "10:00" (computed here, not by the app). */
function centerClock(instant: Date) {
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('es-AR', { timeZone: TIME_ZONE, ...options }).format(instant);
  const weekday = part({ weekday: 'long' });
  return {
    weekday: weekday.charAt(0).toUpperCase() + weekday.slice(1),
    date: part({ day: '2-digit', month: '2-digit', year: 'numeric' }),
    time: part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}

/** 20261222T130000Z */
const icsUtc = (instant: Date) => instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectFromTheCenter(mail: Mail) {
  expect(mail.fromAddress).toBe(CENTER_FROM.address);
  expect(mail.from).toMatch(new RegExp(`^"?${CENTER_FROM.name}"? <${escapeRegExp(CENTER_FROM.address)}>$`));
  expect(mail.envelope.to).toEqual([PATIENT.email]);
  expect(mail.to).toEqual([PATIENT.email]);
}

test('el paciente toma un turno y recibe el mail de confirmación con el .ics; al cancelarlo, recibe el aviso de cancelación', async ({
  page,
  request,
  baseURL,
}) => {
  await signIn(page, PATIENT.dni);
  await page.getByRole('navigation', { name: 'Menú del paciente' }).getByRole('link', { name: 'Tomar Turno' }).click();
  await page.getByLabel('Seleccionar Especialidad').selectOption({ label: SPECIALTY });
  await page.getByRole('button', { name: 'Ver Profesionales' }).click();
  await expect(page.getByRole('heading', { name: `Profesionales de ${SPECIALTY}` })).toBeVisible();
  for (let week = 1; week <= 3; week++) {
    const next = page.getByRole('navigation', { name: 'Semanas' }).getByRole('link', { name: /Ver Horarios Libres Semana Siguiente/ });
    const href = (await next.getAttribute('href'))!;
    await next.click();
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(href)}$`));
  }
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: PROFESSIONAL }) })
    .getByRole('link', { name: 'Otorgar Turno con este Profesional' })
    .click();
  await expect(page).toHaveURL(/\/tomar-turno\/agenda\/\d+/);

  // The professional's message, if the center set one, comes first and must be acknowledged.
  const agendaHeading = page.getByRole('heading', { level: 1, name: PROFESSIONAL, exact: true });
  const message = page.getByRole('dialog', { name: `Mensaje de ${PROFESSIONAL}` });
  await expect(agendaHeading.or(message)).toBeVisible();
  if (await message.isVisible()) await message.getByRole('button', { name: 'OK' }).click();
  await expect(agendaHeading).toBeVisible();

  // The last free slot of the week: the first ones are what other patients' specs go for.
  const slot = page.getByRole('link', { name: /, libre/ }).last();
  await expect(slot, 'FERNANDEZ SOFIA has no free slot three weeks ahead').toBeVisible();
  const label = (await slot.getAttribute('aria-label'))!.replace(/, libre.*$/, ''); // "Martes 22/12 10:00"
  const startsAt = new Date(new URL((await slot.getAttribute('href'))!, baseURL).searchParams.get('inicio')!);
  const endsAt = new Date(startsAt.getTime() + SLOT_MINUTES * 60_000);
  const when = centerClock(startsAt);
  // The grid, read in the center's zone, is the same instant the link books.
  expect(label).toBe(`${when.weekday} ${when.date.slice(0, 5)} ${when.time}`);

  await slot.click();
  await expect(page.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await expect(page.getByText(`${label} hs`)).toBeVisible();
  const reason = `Control de lunares ${startsAt.getTime().toString(36)}`;
  await page.getByLabel(/Motivo del turno/).fill(reason);
  const bookedSince = Date.now();
  await page.getByRole('button', { name: 'Confirmar Turno' }).click();
  await expect(page.getByRole('dialog', { name: 'Turno Insertado' })).toBeVisible();

  // --- The confirmation mail
  const confirmationSubject = new RegExp(`^Turno confirmado: ${escapeRegExp(`${when.date} ${when.time}`)} hs con ${PROFESSIONAL}$`);
  const confirmation = await waitForMail(request, { to: PATIENT.email, subject: confirmationSubject, since: bookedSince });
  await test.info().attach('confirmacion.eml', { body: confirmation.raw, contentType: 'message/rfc822' });
  expect(confirmation.subject).toContain('Turno confirmado');
  expectFromTheCenter(confirmation);
  expect(confirmation.messageId).toMatch(/^<turnos-\d+-[0-9a-z]+@centromedicodemo\.com\.ar>$/);

  for (const body of [confirmation.text, htmlText(confirmation)]) {
    expect(body).toContain(`Hola ${PATIENT.name}, su turno quedó reservado:`);
    expect(body).toContain(`${when.weekday} ${when.date} a las ${when.time} hs`);
    expect(body).toContain(PROFESSIONAL);
    expect(body).toContain(SPECIALTY);
    expect(body).toContain('OSDE'); // his insurer, preselected on Confirmar Turno
    expect(body).toContain('Presente su credencial de OSDE vigente.'); // the insurer's booking message
    expect(body).toContain(reason);
    expect(body).toContain(MAIL_PHRASE);
  }

  const [ics] = confirmation.attachments;
  expect(confirmation.attachments).toHaveLength(1);
  expect(ics).toMatchObject({ filename: 'turno.ics', contentType: 'text/calendar' });
  expect(ics.contentTypeHeader).toMatch(/method=PUBLISH/i);
  const calendar = attachmentText(confirmation, 'text/calendar');
  expect(icsProperty(calendar, 'METHOD')).toBe('PUBLISH');
  expect(icsProperty(calendar, 'DTSTART')).toBe(icsUtc(startsAt));
  expect(icsProperty(calendar, 'DTEND')).toBe(icsUtc(endsAt));
  expect(icsProperty(calendar, 'SUMMARY')).toBe(`Turno con ${PROFESSIONAL}`);
  expect(icsProperty(calendar, 'STATUS')).toBe('CONFIRMED');
  const uid = icsProperty(calendar, 'UID');
  expect(uid).toMatch(/^turno-\d+@127\.0\.0\.1$/);

  // Its "Mis Turnos" link opens the portal, where the turno is.
  const myAppointments = linksIn(confirmation).find((link) => link.source === 'html' && link.text === 'Mis Turnos');
  expect(myAppointments?.href).toBe(new URL('/mis-turnos', baseURL).toString());
  expect(linksIn(confirmation).filter((link) => !link.href.startsWith(baseURL!))).toEqual([]);
  await page.goto(myAppointments!.href);
  const mine = page.getByRole('listitem').filter({ hasText: reason });
  await expect(mine).toContainText(`${when.date} · ${when.time} hs`);
  await expect(mine).toContainText('Reservado');

  // --- Cancelling it from Mis Turnos
  const cancelledSince = Date.now();
  await mine.getByRole('button', { name: 'Cancelar' }).click();
  await mine.getByRole('button', { name: 'Sí, cancelar el turno' }).click();
  await expect(mine).toContainText('Cancelado');

  const cancellationSubject = new RegExp(`^Turno cancelado: ${escapeRegExp(`${when.date} ${when.time}`)} hs con ${PROFESSIONAL}$`);
  const cancellation = await waitForMail(request, { to: PATIENT.email, subject: cancellationSubject, since: cancelledSince });
  await test.info().attach('cancelacion.eml', { body: cancellation.raw, contentType: 'message/rfc822' });
  expectFromTheCenter(cancellation);
  expect(cancellation.text).toContain(`Hola ${PATIENT.name}, cancelamos el turno que usted pidió cancelar:`);
  expect(cancellation.text).toContain(`${when.weekday} ${when.date} a las ${when.time} hs`);
  expect(cancellation.text).toContain(PROFESSIONAL);
  const cancelCalendar = attachmentText(cancellation, 'text/calendar');
  // Same UID with METHOD:CANCEL: the patient's calendar removes the event it added.
  expect(icsProperty(cancelCalendar, 'METHOD')).toBe('CANCEL');
  expect(icsProperty(cancelCalendar, 'UID')).toBe(uid);
  expect(icsProperty(cancelCalendar, 'DTSTART')).toBe(icsUtc(startsAt));
  expect(icsProperty(cancelCalendar, 'STATUS')).toBe('CANCELLED');
  const bookAgain = linksIn(cancellation).find((link) => link.source === 'html' && link.text === 'Tomar Turno');
  expect(bookAgain?.href).toBe(new URL('/tomar-turno', baseURL).toString());

  // Each mail exactly once: by now the worker has had several more ticks to send a duplicate.
  expect(await listMail(request, { to: PATIENT.email, subject: confirmationSubject, since: bookedSince })).toHaveLength(1);
  expect(await listMail(request, { to: PATIENT.email, subject: cancellationSubject, since: bookedSince })).toHaveLength(1);
});
