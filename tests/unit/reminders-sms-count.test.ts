import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gsmSuggestions, gsmWidth, isGsmChar, replaceNonGsm, smsSegments } from '@/lib/reminders/sms-count';

describe('SMS segment counting', () => {
  it('knows which Spanish letters are GSM-7 and which force UCS-2', () => {
    for (const c of 'ñÑéÉüÜàèìòùÇ¿¡') expect(isGsmChar(c), c).toBe(true);
    for (const c of 'áíóúÁÍÓÚçâ“”–…😀') expect(isGsmChar(c), c).toBe(false);
    expect(gsmWidth('€')).toBe(2);
    expect(gsmWidth('[')).toBe(2);
    expect(gsmWidth('a')).toBe(1);
    expect(gsmWidth('á')).toBeNull();
  });

  it('GSM-7: 160 in one SMS, then 153 per part', () => {
    expect(smsSegments('')).toMatchObject({ parts: 0, units: 0, encoding: 'GSM-7' });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, parts: 1, perPart: 160, remainingInPart: 0 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ parts: 2, perPart: 153, remainingInPart: 153 * 2 - 161 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ parts: 2, remainingInPart: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ parts: 3 });
    expect(smsSegments('Señor Nuñez, ¿confirma? Pingüino à é')).toMatchObject({ encoding: 'GSM-7', nonGsm: [] });
  });

  it('extension characters count twice and are never split between parts', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, characters: 80, parts: 1 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, parts: 2 });
    // 152 plain + one € (2 septets) does not fit the first 153: the € starts part 2.
    const split = smsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`);
    expect(split).toMatchObject({ units: 164, parts: 2, remainingInPart: 153 - 12 });
  });

  it('UCS-2: one á turns the limits into 70 and 67', () => {
    const text = `Martín ${'a'.repeat(63)}`;
    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS-2', units: 70, parts: 1, perPart: 70, nonGsm: ['í'] });
    expect(smsSegments(`${text}b`)).toMatchObject({ parts: 2, perPart: 67 });
    expect(smsSegments('á'.repeat(134))).toMatchObject({ parts: 2, remainingInPart: 0 });
    expect(smsSegments('á'.repeat(135))).toMatchObject({ parts: 3 });
  });

  it('an emoji takes two UCS-2 units and is not split', () => {
    expect(smsSegments('😀')).toMatchObject({ encoding: 'UCS-2', units: 2, characters: 1 });
    const text = `${'a'.repeat(66)}😀`;
    expect(smsSegments(text)).toMatchObject({ units: 68, parts: 1 });
    expect(smsSegments(`${text}${'a'.repeat(3)}`)).toMatchObject({ units: 71, parts: 2, remainingInPart: 67 - 5 });
  });

  it('property: parts are enough for the units and never one too many', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'ñ', '€', 'á', ' ', '😀'), maxLength: 400 }), (text) => {
        const count = smsSegments(text);
        if (count.units === 0) {
          expect(count.parts).toBe(0);
          return;
        }
        expect(count.parts * count.perPart).toBeGreaterThanOrEqual(count.units);
        // Unsplittable 2-unit characters waste at most one unit per part.
        if (count.parts > 1) expect((count.parts - 1) * (count.perPart - 1)).toBeLessThan(count.units);
        expect(count.remainingInPart).toBeGreaterThanOrEqual(0);
        expect(count.remainingInPart).toBeLessThan(count.perPart);
      }),
    );
  });
});

describe('GSM-7 suggestions', () => {
  it('offers a replacement for each non-GSM character, with counts', () => {
    expect(gsmSuggestions('Martín Gómez: “turno” – día… ¿ok?')).toEqual([
      { char: 'í', replacement: 'i', count: 2 },
      { char: 'ó', replacement: 'o', count: 1 },
      { char: '“', replacement: '"', count: 1 },
      { char: '”', replacement: '"', count: 1 },
      { char: '–', replacement: '-', count: 1 },
      { char: '…', replacement: '...', count: 1 },
    ]);
    expect(gsmSuggestions('😀')).toEqual([{ char: '😀', replacement: null, count: 1 }]);
    expect(gsmSuggestions('ñandú')).toEqual([{ char: 'ú', replacement: 'u', count: 1 }]);
  });

  it('replacing keeps the GSM-7 letters (ñ, é, ü, ¿, ¡) and leaves the text in GSM-7', () => {
    const text = '¡Hola Martín Ibáñez! ¿Confirmás el turno del miércoles? Pingüino ÁÍÓÚ ç n°5';
    const replaced = replaceNonGsm(text);
    expect(replaced).toBe('¡Hola Martin Ibañez! ¿Confirmas el turno del miércoles? Pingüino AIOU c no5');
    expect(smsSegments(replaced).encoding).toBe('GSM-7');
    expect(replaceNonGsm('turno 😀')).toBe('turno 😀');
  });
});
