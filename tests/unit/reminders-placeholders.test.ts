import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDERS,
  budgetedLength,
  budgetedText,
  canonicalToken,
  findUnknownTokens,
  renderTemplate,
  templateParts,
  unknownTokensMessage,
  usedTokens,
} from '@/lib/reminders/placeholders';

const values = {
  PACIENTE: 'RODRIGUEZ MARIA',
  FECHA: '27/10/2026',
  HORA: '08:40',
  DIA: 'martes',
  PROFESIONAL: 'JUAREZ LEONEL',
  ESPECIALIDAD: 'CARDIOLOGÍA',
  'OBRA SOCIAL': 'IOMA',
  CENTRO: 'CENTRO MEDICO DEMO',
};

describe('template placeholders', () => {
  it('lists the manual tokens, each once, with a budget and a sample', () => {
    const tokens = PLACEHOLDERS.map((p) => p.token);
    for (const t of ['PACIENTE', 'FECHA', 'HORA', 'PROFESIONAL', 'ESPECIALIDAD', 'ESTUDIO', 'OBRA SOCIAL', 'CENTRO', 'TELEFONO CENTRO', 'DIRECCION WEB', 'DIA', 'DNI']) {
      expect(tokens).toContain(t);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const p of PLACEHOLDERS) {
      expect(p.budget).toBeGreaterThanOrEqual(p.sample.length);
      expect(p.description).not.toBe('');
    }
  });

  it('replaces every known token, the manual example included', () => {
    const body = 'Sr/a [[PACIENTE]] le recordamos su turno el [[DIA]] [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]).';
    expect(renderTemplate(body, values)).toBe(
      'Sr/a RODRIGUEZ MARIA le recordamos su turno el martes 27/10/2026 a las 08:40 con JUAREZ LEONEL (CARDIOLOGÍA).',
    );
  });

  it('accepts tokens typed with other case, accents or spacing', () => {
    expect(canonicalToken(' Teléfono   centro ')).toBe('TELEFONO CENTRO');
    const body = '[[obra social]] [[ Obra  Social ]] [[Dirección Web]]';
    expect(findUnknownTokens(body)).toEqual([]);
    expect(renderTemplate(body, { 'OBRA SOCIAL': 'OSDE', 'DIRECCION WEB': 'http://x.com' })).toBe('OSDE OSDE http://x.com');
    expect(usedTokens(body)).toEqual(['OBRA SOCIAL', 'DIRECCION WEB']);
  });

  it('a missing value becomes empty, and a token repeated is replaced everywhere', () => {
    expect(renderTemplate('[[ESTUDIO]]|[[PACIENTE]] [[PACIENTE]]', { PACIENTE: 'ANA' })).toBe('|ANA ANA');
    expect(renderTemplate('[[ESTUDIO]]', { ESTUDIO: null })).toBe('');
  });

  it('names unknown and half-typed tokens, once each', () => {
    expect(findUnknownTokens('Hola [[PACIENTE]] [[NOMBRE]] [[NOMBRE]] [[TELEFONO]]')).toEqual(['[[NOMBRE]]', '[[TELEFONO]]']);
    expect(findUnknownTokens('Hola [[PACIENTE] el [[FECHA]]')).toEqual(['[[PACIENTE]']);
    expect(findUnknownTokens('Hola [[PACIENTE')).toEqual(['[[PACIENTE']);
    expect(findUnknownTokens('Hola PACIENTE]] ok')).toEqual(['Hola PACIENTE]]']);
    expect(findUnknownTokens('[[]]')).toEqual(['[[]]']);
    expect(findUnknownTokens('Sin datos [corchete simple]')).toEqual([]);
    expect(unknownTokensMessage(['[[NOMBRE]]'])).toContain('“[[NOMBRE]]”');
    expect(unknownTokensMessage(['[[A]]', '[[B]]'])).toMatch(/datos que el sistema no reconoce: “\[\[A\]\]”, “\[\[B\]\]”/);
  });

  it('with html, escapes the values and the text so nothing becomes markup', () => {
    const out = renderTemplate('<b>Hola</b> [[PACIENTE]]\n[[OBRA SOCIAL]]', { PACIENTE: '<script>alert("x")</script>', 'OBRA SOCIAL': "O'Higgins & Cía" }, { html: true });
    expect(out).toBe('&lt;b&gt;Hola&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>\nO&#39;Higgins &amp; Cía');
    expect(out).not.toMatch(/<script|<b>/);
  });

  it('splits a message into the staff text and the filled values', () => {
    expect(templateParts('Hola [[PACIENTE]]!', { PACIENTE: 'ANA' })).toEqual([
      { kind: 'text', text: 'Hola ' },
      { kind: 'value', token: 'PACIENTE', text: 'ANA' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('budgets each token at its longest realistic value, or at a known actual value', () => {
    expect(budgetedLength('Hola [[PACIENTE]]')).toBe(5 + 40);
    expect(budgetedLength('[[FECHA]] [[HORA]]')).toBe(10 + 1 + 5);
    expect(budgetedLength('[[CENTRO]]', { CENTRO: 'DEMO' })).toBe(4);
    expect(budgetedLength('sin datos')).toBe(9);
    expect(budgetedText('[[DIA]]')).toBe('X'.repeat(9));
  });
});
