import fc from 'fast-check';
import { z } from 'zod';

/**
 * Hostile input for property tests of the server actions and their schemas: what a forged POST can
 * carry (a server action is a public endpoint), not what the forms send.
 */

export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  "'; drop table patients; --",
  '1 OR 1=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u202eabc',
  '\ud800',
  '💥'.repeat(500),
  'x'.repeat(100_000),
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e308',
  '1.5',
  '0x10',
  ' 12 ',
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '３０１１１２２２',
  '30.111.222',
  'true',
  'on',
  'null',
  'undefined',
  '__proto__',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '1900-01-01',
  '24:00',
  '99:99',
  '2026-11-12T10:00:00Z',
  '2026-11-12T10:00:00.000Z',
  'admin',
  'paciente@example.com',
  'a@b.c',
  '[[PACIENTE]]',
  '[[NO_EXISTE]]',
] as const;

export const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 1, 1.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer(),
  fc.double(),
);

export const hostileScalar = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.date({ noInvalidDate: false }),
);

const awkwardKey = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'then', 'id'));

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(awkwardKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A value for a named field: mostly strings (what forms send), sometimes anything else. */
export const hostileField: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: hostileScalar, weight: 2 },
  { arbitrary: hostileValue, weight: 1 },
);

/** The field names of an object schema, through optional/default/pipe/refine wrappers. */
export function shapeKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape as object);
    case 'pipe':
      return shapeKeys(def.in as z.ZodType);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return shapeKeys(def.innerType as z.ZodType);
    default:
      return [];
  }
}

/**
 * An object with the schema's own field names (each present or missing, with any hostile value),
 * plus stray extra fields; or anything at all in place of the object.
 */
export function hostileInputFor(keys: readonly string[], valueFor: fc.Arbitrary<unknown> = hostileField): fc.Arbitrary<unknown> {
  const fields = fc
    .tuple(
      fc.tuple(...keys.map((k) => fc.option(fc.tuple(fc.constant(k), valueFor), { nil: undefined, freq: 6 }))),
      fc.dictionary(awkwardKey, valueFor, { maxKeys: 2 }),
    )
    .map(([own, extra]) => {
      const out: Record<string, unknown> = { ...extra };
      for (const entry of own) if (entry) Object.defineProperty(out, entry[0], { value: entry[1], enumerable: true, configurable: true, writable: true });
      return out;
    });
  return keys.length ? fc.oneof({ arbitrary: fields, weight: 4 }, { arbitrary: hostileValue, weight: 1 }) : hostileValue;
}

/**
 * A FormData with the given field names, each missing, once, or repeated, with hostile strings;
 * now and then not a FormData at all (a forged request encodes whatever it likes).
 */
export function hostileFormData(keys: readonly string[]): fc.Arbitrary<unknown> {
  const form = fc
    .tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.array(hostileString, { maxLength: 3 }))), fc.array(fc.tuple(awkwardKey, hostileString), { maxLength: 2 }))
    .map((entries) => {
      const form = new FormData();
      const extra = entries.pop() as Array<[string, string]>;
      for (const [k, values] of entries as Array<[string, string[]]>) for (const v of values) form.append(k, v);
      for (const [k, v] of extra) form.append(k, v);
      return form;
    });
  return fc.oneof({ arbitrary: form, weight: 5 }, { arbitrary: hostileValue, weight: 1 });
}

const ENGLISH = /\b(invalid|expected|required|received|must|too (big|small)|unrecognized|characters|input|string|number)\b/i;
const SPANISH =
  /[áéíóúñ¿¡]|\b(el|la|los|las|de|del|al|en|por|con|para|y|o|que|un|una|se|es|no|debe|elija|ingrese|indique|falta|hasta|revise|escriba|antes|menos)\b|\b(demasiad|element|seleccion|valid|numer|registr|opcion|fecha|hora)/i;

/** A message a Spanish-speaking patient or receptionist can read: not empty, no English zod text. */
export function isSpanishMessage(message: unknown): boolean {
  return typeof message === 'string' && message.trim().length > 0 && !ENGLISH.test(message) && SPANISH.test(message);
}
