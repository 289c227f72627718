import { expect, test, type Frame, type Page } from '@playwright/test';
import { goToNextWeek, pickFirstFreeSlot } from './agenda';
import { attachmentText, waitForMail } from './mail';
import { signInPatient, staffPage } from './sign-in';

/**
 * Markup and scripts typed into free text (by staff or by a patient) are shown as text, in Chromium
 * and in the mails: stored through the real forms, then read back on every screen that shows them.
 * What is checked does not rely on the Content-Security-Policy (which would block a handler
 * anyway): no injected element or on* attribute may exist in the page at all.
 */

/** Everything React must escape: tags, attribute break-outs, our own tokens, a javascript: URL. */
const MARKUP = `<script>alert('xss')</script><img src=x onerror=alert('xss')>"><svg onload=alert('xss')> [[PACIENTE]] javascript:alert('xss')`;

/** Fails the test if any dialog opens (an alert() that ran), for the whole life of the page. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (d) => {
    opened.push(d.message());
    void d.dismiss();
  });
  return opened;
}

/** No element of the page has an inline handler, and no injected <img src=x>, script or javascript: link exists. */
async function expectInert(page: Page | Frame, where: string) {
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
      if (el.tagName === 'IMG' && /(^|\/)x$/i.test(el.getAttribute('src') ?? '')) bad.push('img src=x');
      // Next.js's own inline scripts carry the page data, the text included, as escaped JSON.
      if (el.tagName === 'SCRIPT' && /^alert\(/i.test((el.textContent ?? '').trim())) bad.push('script');
      if (el.tagName === 'A' && /^\s*javascript:/i.test(el.getAttribute('href') ?? '')) bad.push('javascript: link');
    }
    return bad;
  });
  expect(found, where).toEqual([]);
}

/** The staff forms keep Guardar disabled until hydrated. */
async function save(page: Page) {
  await expect(page.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await page.getByRole('button', { name: 'Guardar' }).click();
}

test('los nombres y mensajes que escribe el personal se ven como texto en el área del personal y en el portal', async ({ browser }) => {
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const specialty = `<SVG ONLOAD=ALERT('XSS')> ESP ${suffix}`;
  const lastName = `<IMG SRC=X ONERROR=ALERT('XSS')>`;
  const professional = `${lastName} ${suffix}`;
  const admin = await staffPage(browser, 'admin');
  const adminDialogs = watchDialogs(admin);

  await admin.goto('/admin/sistema/especialidades/nuevo');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('Nombre', { exact: true }).fill(specialty);
  await save(admin);
  await expect(admin.getByRole('listitem', { name: specialty })).toBeVisible();
  await expectInert(admin, 'Sistema → Especialidades');

  await admin.goto('/admin/sistema/profesionales/nuevo');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('Apellido').fill(lastName);
  await admin.getByLabel('Nombre', { exact: true }).fill(suffix);
  await admin.getByRole('checkbox', { name: specialty }).check();
  await save(admin);
  await expect(admin.getByRole('listitem', { name: professional })).toContainText(specialty);
  await expectInert(admin, 'Sistema → Profesionales');

  await admin.goto('/admin/turnos-web/especialidades');
  await admin.getByRole('listitem', { name: specialty }).getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(admin.getByRole('listitem', { name: specialty })).toContainText(/Turnos Web:\s*ACTIVADA/);
  await expectInert(admin, 'Turnos Web → Especialidades');
  await admin.goto('/admin/turnos-web/profesionales');
  const row = admin.getByRole('listitem', { name: professional });
  await row.getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
  await expect(row).toContainText(/Turnos Web:\s*ACTIVADO/);
  await row.getByRole('link', { name: /^Mensajes y Días/ }).click();
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('Mensaje General (previo al turno)').fill(MARKUP);
  await save(admin);
  await expect(admin.getByRole('listitem', { name: professional })).toContainText(MARKUP);
  await expectInert(admin, 'Turnos Web → Profesionales');

  // Turnos Web → Obras Sociales → NUEVO: the public list of insurers shows it as text.
  const insurer = `<IMG SRC=X ONERROR=ALERT('XSS')> OS ${suffix}`;
  await admin.goto('/admin/turnos-web/obras-sociales/nuevo');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('Nombre', { exact: true }).fill(insurer);
  await admin.getByLabel('Mensaje General').fill(MARKUP);
  await save(admin);
  const insurerRow = admin.getByRole('listitem', { name: insurer });
  await expect(insurerRow).toBeVisible();
  if (!/Turnos Web:\s*ACTIVADA/.test((await insurerRow.textContent()) ?? '')) {
    await insurerRow.getByRole('button', { name: /^MODIFICAR ACTIVACION/ }).click();
    await expect(insurerRow).toContainText(/Turnos Web:\s*ACTIVADA/);
  }
  await expectInert(admin, 'Turnos Web → Obras Sociales');
  expect(adminDialogs).toEqual([]);

  const portal = await (await browser.newContext()).newPage();
  const portalDialogs = watchDialogs(portal);
  await portal.goto('/obras-sociales');
  await expect(portal.getByText(insurer)).toBeVisible();
  await expectInert(portal, '/obras-sociales');
  await signInPatient(portal, '30111222');
  await portal.goto('/tomar-turno');
  await portal.getByLabel('Seleccionar Especialidad').selectOption({ label: specialty });
  await portal.getByRole('button', { name: 'Ver Profesionales' }).click();
  await expect(portal.getByRole('heading', { name: `Profesionales de ${specialty}` })).toBeVisible();
  await expect(portal.getByRole('heading', { name: professional, level: 2 })).toBeVisible();
  await expectInert(portal, 'Ver Profesionales');
  await portal.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).click();
  const message = portal.getByRole('dialog', { name: `Mensaje de ${professional}` });
  await expect(message).toContainText(MARKUP);
  await expectInert(portal, 'Mensaje del profesional');
  expect(portalDialogs).toEqual([]);
});

test('el nombre del paciente y el motivo que escribe se ven como texto en el portal, el personal y el mail', async ({ browser, request }) => {
  const suffix = String(Date.now()).slice(-6);
  const dni = `47${suffix}`;
  const email = `inyeccion.${suffix}@example.com`;
  const lastName = `<IMG SRC=X ONERROR=ALERT('XSS')>`;
  const firstName = `"><SVG ONLOAD=ALERT('XSS')> ${suffix}`;
  const fullName = `${lastName} ${firstName}`;
  const reason = `${MARKUP}\nEND:VEVENT`;
  const admin = await staffPage(browser, 'admin');
  const adminDialogs = watchDialogs(admin);

  // Sistema → Pacientes → nuevo, then TURNOS WEB → PACIENTES → ALTA EN WEB with a password.
  await admin.goto('/admin/sistema/pacientes/nuevo');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('DNI').fill(dni);
  await admin.getByLabel('Apellido').fill(lastName);
  await admin.getByLabel('Nombre', { exact: true }).fill(firstName);
  await admin.getByLabel('E-mail').fill(email);
  await save(admin);
  await expect(admin.getByText(fullName).first()).toBeVisible();
  await expectInert(admin, 'Sistema → Pacientes');
  await admin.goto('/admin/turnos-web/pacientes/alta');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('Nº DNI').fill(dni);
  await admin.getByLabel('MAIL').fill(email);
  await admin.getByLabel('CONTRASEÑA WEB').fill('inyeccion-2026');
  await save(admin);
  await expect(admin.getByText('Cambios guardados')).toBeVisible();
  await expect(admin.getByRole('listitem', { name: fullName })).toBeVisible();
  await expectInert(admin, 'Pacientes web');

  // The patient books with the markup as the reason.
  const portal = await (await browser.newContext()).newPage();
  const portalDialogs = watchDialogs(portal);
  await signInPatient(portal, dni, 'inyeccion-2026');
  await expect(portal.getByText(`Conectado como ${fullName}`)).toBeVisible();
  await expectInert(portal, 'Mis Turnos');
  await portal.goto('/tomar-turno');
  await portal.getByLabel('Seleccionar Especialidad').selectOption({ label: 'DERMATOLOGIA' });
  await portal.getByRole('button', { name: 'Ver Profesionales' }).click();
  await portal.getByRole('link', { name: 'Otorgar Turno con este Profesional' }).first().click();
  const ok = portal.getByRole('dialog').getByRole('button', { name: 'OK' });
  if (await ok.isVisible().catch(() => false)) await ok.click();
  await goToNextWeek(portal);
  await pickFirstFreeSlot(portal);
  await expect(portal.getByRole('heading', { name: 'Confirmar Turno' })).toBeVisible();
  await expect(portal.getByText(fullName).first()).toBeVisible();
  await portal.getByLabel('Obra Social / Prepaga').selectOption({ label: 'OSDE' });
  await portal.getByLabel(/Motivo del turno/).fill(reason);
  const since = Date.now();
  await portal.getByRole('button', { name: 'Confirmar Turno' }).click();
  const booked = portal.getByRole('dialog', { name: 'Turno Insertado' });
  await expect(booked).toContainText(MARKUP);
  await expectInert(portal, 'Turno Insertado');
  await booked.getByRole('link', { name: 'Imprimir Detalle del Turno' }).click();
  await expect(portal.getByRole('heading', { name: 'Recordatorio de Turno' })).toBeVisible();
  await expect(portal.getByText(fullName).first()).toBeVisible();
  await expectInert(portal, 'Recordatorio imprimible');
  await portal.goto('/mis-turnos');
  await expect(portal.getByText(`Motivo: ${MARKUP}`, { exact: false })).toBeVisible();
  await expectInert(portal, 'Mis Turnos con el turno');

  // The confirmation mail: escaped in the HTML, literal in the text, our tokens left alone, and
  // the .ics still one event.
  const mail = await waitForMail(request, { to: email, subject: /^Turno confirmado/, since });
  for (const raw of ['<script>', '<img src=x', '<IMG SRC=X', '<svg', '<SVG', 'href="javascript:']) expect(mail.html, raw).not.toContain(raw);
  expect(mail.html).toContain('&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;');
  expect(mail.text).toContain(MARKUP);
  expect(mail.text).toContain(lastName);
  const ics = attachmentText(mail, 'text/calendar');
  expect(ics.match(/^BEGIN:VEVENT\r?$/gm)).toHaveLength(1);
  expect(ics.match(/^END:VEVENT\r?$/gm)).toHaveLength(1);

  // Staff screens that show the patient and the reason.
  await admin.goto(`/admin/turnos-web/pacientes?q=${dni}`);
  await expect(admin.getByRole('listitem', { name: fullName })).toBeVisible();
  await expectInert(admin, 'Pacientes web (búsqueda)');
  await admin.goto('/admin/turnos-web/listado');
  await expectInert(admin, 'Listado de Turnos Web');
  await admin.goto('/admin/sistema/auditoria');
  await expectInert(admin, 'Auditoría');

  // DESHABILITAR with the markup as the observation: the patient reads it as text when signing in.
  await admin.goto(`/admin/turnos-web/pacientes?q=${dni}`);
  await admin.getByRole('listitem', { name: fullName }).getByRole('link', { name: /MODIFICAR ACTIVACION\/CONTRASEÑA/ }).click();
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('DESHABILITAR?').check();
  await admin.getByLabel('Observación').fill(MARKUP);
  await save(admin);
  await expect(admin.getByRole('listitem', { name: fullName })).toContainText('DESHABILITADO');
  await expectInert(admin, 'Pacientes web deshabilitado');
  await portal.getByRole('button', { name: 'Salir' }).click();
  await portal.goto('/ingresar');
  await portal.getByLabel('DNI').fill(dni);
  await portal.getByLabel('Contraseña').fill('inyeccion-2026');
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await expect(portal.getByRole('alert').filter({ hasText: MARKUP })).toBeVisible();
  await expectInert(portal, 'Ingresar (deshabilitado)');

  expect(adminDialogs).toEqual([]);
  expect(portalDialogs).toEqual([]);
});

test('el título y el mensaje de una plantilla se ven como texto en la lista y en la vista previa del mail', async ({ browser }) => {
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const title = `${MARKUP} ${suffix}`;
  const admin = await staffPage(browser, 'admin');
  const dialogs = watchDialogs(admin);
  await admin.goto('/admin/prestaciones/plantillas/nueva/email');
  await expect(admin.getByRole('button', { name: 'Guardar' })).toBeEnabled();
  await admin.getByLabel('TÍTULO').fill(title);
  await admin.getByLabel('Mensaje', { exact: true }).fill(`${MARKUP}\nHola [[PACIENTE]]`);
  await admin.getByRole('button', { name: 'Ver vista previa' }).click();
  const iframe = admin.locator('iframe[title="Vista previa del mail"]');
  // The staff's own [[PACIENTE]] is filled in with the sample patient; everything else stays as typed.
  const filled = MARKUP.replace('[[PACIENTE]]', 'IBÁÑEZ JUAN MANUEL');
  await expect(admin.frameLocator('iframe[title="Vista previa del mail"]').getByText(filled).filter({ visible: true }).first()).toBeVisible();
  await expect(admin.getByText(`Asunto: ${filled} ${suffix}`)).toBeVisible();
  await expectInert((await (await iframe.elementHandle())!.contentFrame())!, 'vista previa del mail');
  await expectInert(admin, 'NUEVO EMAIL');
  await save(admin);
  await expect(admin).toHaveURL(/\/admin\/prestaciones\/plantillas\?guardado=1$/);
  await expect(admin.getByRole('listitem', { name: title })).toBeVisible();
  await expectInert(admin, 'Plantillas');
  expect(dialogs).toEqual([]);
});
