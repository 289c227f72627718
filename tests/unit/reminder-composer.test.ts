import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Reminder from '@/emails/reminder';
import { renderEmail } from '@/lib/messaging/render';
import { reminderEmailComposer } from '@/lib/reminders/email';
import { PLACEHOLDERS, renderTemplate, SAMPLE_VALUES, type PlaceholderValues } from '@/lib/reminders/placeholders';

/**
 * ENVIAR MAIL/SMS renders a PLANTILLA once and fills it per patient. That shortcut must give the
 * very mail a render per patient gives: same subject, same HTML (escaping included), same text.
 */
const center = {
  centerName: 'CENTRO MEDICO "SAN JOSÉ" & ASOC.',
  contactPhones: '4444-4444',
  contactEmail: 'turnos@centro.test',
  contactHours: 'Lunes a viernes de 8 a 20',
  webAddress: 'https://turnos.centro.test',
};

async function renderedPerPatient(template: { title: string; body: string }, values: PlaceholderValues) {
  const subject = renderTemplate(template.title, values).replace(/\s+/g, ' ').trim();
  const body = renderTemplate(template.body, values);
  const { html, text } = await renderEmail(createElement(Reminder, { center, subject, body }));
  return { subject, bodyText: text, bodyHtml: html };
}

const template = {
  title: 'Recordatorio: turno del [[FECHA]] con [[PROFESIONAL]]',
  body:
    'Sr/a [[PACIENTE]] (DNI [[DNI]]):\n\nLe recordamos su turno del [[DIA]] [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ' +
    '([[ESPECIALIDAD]]) [[ESTUDIO]].\nObra social: [[OBRA SOCIAL]].\n\n[[CENTRO]] - [[TELEFONO CENTRO]] - [[DIRECCION WEB]]',
};

describe('reminderEmailComposer', () => {
  it('gives, for sample values, exactly the mail a render per patient gives', async () => {
    const compose = await reminderEmailComposer(center, template);
    expect(await compose(SAMPLE_VALUES)).toEqual(await renderedPerPatient(template, SAMPLE_VALUES));
  });

  it('escapes hostile values exactly as React does, and never re-expands a token inside a value', async () => {
    const compose = await reminderEmailComposer(center, template);
    const values: PlaceholderValues = {
      ...SAMPLE_VALUES,
      PACIENTE: `O'BRIEN <script>alert("x")</script> & [[CENTRO]]`,
      ESTUDIO: '',
      'OBRA SOCIAL': null,
    };
    const mail = await compose(values);
    expect(mail).toEqual(await renderedPerPatient(template, values));
    expect(mail.bodyHtml).not.toContain('<script>');
    expect(mail.bodyText).toContain(`O'BRIEN <script>alert("x")</script> & [[CENTRO]]`);
  });

  it('keeps the inbox preview right when the first paragraph is longer than the preview', async () => {
    const long = { title: '[[PACIENTE]]', body: `${'Texto largo del centro '.repeat(8)}[[PACIENTE]]\n\nSegundo párrafo.` };
    const compose = await reminderEmailComposer(center, long);
    for (const name of ['A', 'IBÁÑEZ JUAN MANUEL', 'X'.repeat(60)]) {
      const values = { ...SAMPLE_VALUES, PACIENTE: name };
      expect(await compose(values)).toEqual(await renderedPerPatient(long, values));
    }
  });

  it('matches a render per patient for arbitrary values (property)', async () => {
    const compose = await reminderEmailComposer(center, template);
    // Names, obras sociales, dates: letters with accents, digits, punctuation, the characters HTML
    // escapes, spaces and line breaks anywhere; empty values too (ESTUDIO is empty for a consulta).
    const value = fc.string({ unit: fc.constantFrom(...'aZñÁé09 .,-/()&<>"\'\n'.split('')), maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(fc.record(Object.fromEntries(PLACEHOLDERS.map((p) => [p.token, value])) as Record<string, fc.Arbitrary<string>>), async (values) => {
        expect(await compose(values)).toEqual(await renderedPerPatient(template, values));
      }),
      { numRuns: 40 },
    );
  });
});
