/**
 * PLANTILLAS: the [[PLACEHOLDER]] tokens staff write in a template's message, which the system
 * replaces with each patient's data when it sends (manual, CREAR PLANTILLAS). Pure: shared by the
 * template editor (help panel, live SMS counter), the server-side validation and the senders.
 */

import { escapeHtml } from '@/lib/security/escape-html';

export interface PlaceholderDefinition {
  /** As staff write it, between [[ and ]]. */
  token: string;
  /** What the help panel says it becomes. */
  description: string;
  /** A realistic value for previews. */
  sample: string;
  /**
   * The longest value the SMS counter budgets for. Names vary ("Igualmente tenga en cuenta que
   * deben sobrar, ya que los Nombres, al convertirse automáticamente pueden variar"), so these
   * are deliberately long, real-world worst cases rather than averages.
   */
  budget: number;
}

export const PLACEHOLDERS = [
  // "APELLIDO NOMBRE" as the manual lists people; 40 covers e.g. "FERNANDEZ DE LA FUENTE MARIA JOSEFINA" (37).
  { token: 'PACIENTE', description: 'Apellido y nombre del paciente', sample: 'IBÁÑEZ JUAN MANUEL', budget: 40 },
  { token: 'DNI', description: 'DNI del paciente', sample: '30.123.456', budget: 10 },
  { token: 'FECHA', description: 'Fecha del turno (dd/mm/aaaa)', sample: '27/10/2026', budget: 10 },
  { token: 'HORA', description: 'Hora del turno (24 hs)', sample: '08:40', budget: 5 },
  // "miércoles" is the longest weekday name.
  { token: 'DIA', description: 'Día de la semana del turno', sample: 'martes', budget: 9 },
  { token: 'PROFESIONAL', description: 'Profesional del turno', sample: 'JUAREZ LEONEL', budget: 40 },
  // "DIAGNOSTICO POR IMAGENES" (24), "OTORRINOLARINGOLOGIA INFANTIL" (29).
  { token: 'ESPECIALIDAD', description: 'Especialidad del turno', sample: 'CARDIOLOGÍA', budget: 30 },
  { token: 'ESTUDIO', description: 'Estudio del turno (vacío si es una consulta)', sample: 'ECOGRAFIA ABDOMINAL', budget: 40 },
  { token: 'OBRA SOCIAL', description: 'Obra social / prepaga del paciente', sample: 'OSDE', budget: 30 },
  { token: 'CENTRO', description: 'Nombre del Centro', sample: 'CENTRO MEDICO DEMO', budget: 40 },
  { token: 'TELEFONO CENTRO', description: 'Teléfonos de contacto del Centro', sample: '4444-4444', budget: 30 },
  { token: 'DIRECCION WEB', description: 'Dirección de la web de turnos', sample: 'http://centromedicodemo.no-ip.info', budget: 40 },
] as const satisfies readonly PlaceholderDefinition[];

export type PlaceholderToken = (typeof PLACEHOLDERS)[number]['token'];
export type PlaceholderValues = Partial<Record<PlaceholderToken, string | null | undefined>>;

/** "[[OBRA SOCIAL]]": what the editor inserts. */
export const tokenText = (token: PlaceholderToken) => `[[${token}]]`;

export const SAMPLE_VALUES: Record<PlaceholderToken, string> = Object.fromEntries(
  PLACEHOLDERS.map((p) => [p.token, p.sample]),
) as Record<PlaceholderToken, string>;

const TOKEN_PATTERN = /\[\[([^[\]]*)\]\]/g;

/**
 * Staff type tokens by hand too: "[[Teléfono Centro]]" or "[[ obra  social ]]" mean the same
 * token, so case, accents and spacing do not matter.
 */
export function canonicalToken(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .trim()
    .replace(/\s+/g, ' ');
}

const KNOWN = new Set<string>(PLACEHOLDERS.map((p) => p.token));

function knownToken(raw: string): PlaceholderToken | null {
  const canonical = canonicalToken(raw);
  return KNOWN.has(canonical) ? (canonical as PlaceholderToken) : null;
}

/**
 * Every token the system would not know how to fill, as written (without repeats), plus any
 * unbalanced "[[" or "]]" (a token left half-typed would otherwise reach patients verbatim).
 */
export function findUnknownTokens(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(TOKEN_PATTERN)) {
    if (!knownToken(match[1])) unknown.add(match[0]);
  }
  const rest = body.replace(TOKEN_PATTERN, ' ');
  const stray = /\[\[[^\]\n]{0,30}\]?|[^[\n]{0,30}\]\]/.exec(rest);
  if (stray) unknown.add(stray[0].trim());
  return [...unknown];
}

/** The Spanish refusal shown next to the message field, naming the tokens. */
export function unknownTokensMessage(unknown: string[]): string {
  const list = unknown.map((t) => `“${t}”`).join(', ');
  const known = PLACEHOLDERS.map((p) => tokenText(p.token)).join(' ');
  return unknown.length === 1
    ? `El mensaje tiene un dato que el sistema no reconoce: ${list}. Use solo los de la Ayuda: ${known}.`
    : `El mensaje tiene datos que el sistema no reconoce: ${list}. Use solo los de la Ayuda: ${known}.`;
}

/** The known tokens a message uses, each once, in order of appearance. */
export function usedTokens(body: string): PlaceholderToken[] {
  const used = new Set<PlaceholderToken>();
  for (const match of body.matchAll(TOKEN_PATTERN)) {
    const token = knownToken(match[1]);
    if (token) used.add(token);
  }
  return [...used];
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'value'; token: PlaceholderToken; text: string };

/**
 * The message split into the staff's own text and the substituted values (for a preview that
 * marks what was filled in). Unknown tokens stay as written: saving refuses them, so they only
 * appear in a draft being edited.
 */
export function templateParts(body: string, values: PlaceholderValues): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN_PATTERN)) {
    const token = knownToken(match[1]);
    if (!token) continue;
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'value', token, text: (values[token] ?? '').trim() });
    last = start + match[0].length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}

/**
 * The message with its tokens replaced; a missing value becomes empty. With `html`, the result
 * is safe to place in HTML: the staff's text and every value are escaped (a patient's name or an
 * obra social can never become markup) and line breaks become <br>. Without it, plain text
 * (SMS, the text part of a mail, or text handed to React, which escapes it itself).
 */
export function renderTemplate(body: string, values: PlaceholderValues, options: { html?: boolean } = {}): string {
  const parts = templateParts(body, values);
  if (!options.html) return parts.map((p) => p.text).join('');
  return parts
    .map((p) => escapeHtml(p.text))
    .join('')
    .replace(/\r?\n/g, '<br>\n');
}

/**
 * The length of the message once filled with the longest realistic value of each token (see
 * PLACEHOLDERS' `budget`), as text made of `filler` so it can be counted like a real SMS.
 * `known` overrides a budget with an actual value (the center's own name, phone and web address).
 */
export function budgetedText(body: string, known: PlaceholderValues = {}, filler = 'X'): string {
  const values: PlaceholderValues = {};
  for (const p of PLACEHOLDERS) values[p.token] = known[p.token] ?? filler.repeat(p.budget);
  return renderTemplate(body, values);
}

export function budgetedLength(body: string, known: PlaceholderValues = {}): number {
  return budgetedText(body, known).length;
}
