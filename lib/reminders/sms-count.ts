/**
 * CONTAR CARACTERES for SMS templates. An SMS carries 140 bytes: 160 characters of the GSM-7
 * alphabet (3GPP TS 23.038), or, as soon as one character is outside it, 70 UCS-2 characters.
 * A longer message travels in parts that each lose room to the concatenation header: 153 GSM-7
 * characters or 67 UCS-2 characters per part. The GSM-7 extension table characters (€ [ ] { } \
 * ^ ~ | and form feed) take two places (an escape plus the character), and a part never splits
 * them; UCS-2 parts never split a surrogate pair (emoji).
 *
 * Spanish traps: ñ Ñ é É ü Ü à è ì ò ù Ç ¿ ¡ ARE in the GSM-7 basic set; á í ó ú Á Í Ó Ú are NOT,
 * so one "Martín" turns a 160-character SMS into a 70-character one.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SMS_LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

export function isGsmChar(char: string): boolean {
  return basic.has(char) || extension.has(char);
}

/** Places a character takes in GSM-7 (1, or 2 for the extension table); null if it is not GSM-7. */
export function gsmWidth(char: string): 1 | 2 | null {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return null;
}

export interface SmsCount {
  encoding: SmsEncoding;
  /** Characters as the network counts them: GSM-7 septets, or UCS-2 code units. */
  units: number;
  /** Letters as a person counts them (an emoji is one). */
  characters: number;
  parts: number;
  /** Room per part at this length: 160/70 for a single SMS, 153/67 once it is split. */
  perPart: number;
  /** Units still free in the last part before another part starts. */
  remainingInPart: number;
  /** The characters that forced UCS-2, each once, in order of appearance. */
  nonGsm: string[];
}

/** Packs items of the given widths into parts of `size`, never splitting an item. */
function packedParts(widths: number[], size: number): { parts: number; lastFill: number } {
  let parts = 1;
  let fill = 0;
  for (const width of widths) {
    if (fill + width > size) {
      parts++;
      fill = 0;
    }
    fill += width;
  }
  return { parts, lastFill: fill };
}

export function smsSegments(text: string): SmsCount {
  const chars = Array.from(text);
  const nonGsm = [...new Set(chars.filter((c) => !isGsmChar(c)))];
  const encoding: SmsEncoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2';
  const widths = encoding === 'GSM-7' ? chars.map((c) => gsmWidth(c) ?? 1) : chars.map((c) => c.length);
  const units = widths.reduce((sum, w) => sum + w, 0);
  const limits = SMS_LIMITS[encoding];
  if (units <= limits.single) {
    return { encoding, units, characters: chars.length, parts: units === 0 ? 0 : 1, perPart: limits.single, remainingInPart: limits.single - units, nonGsm };
  }
  const { parts, lastFill } = packedParts(widths, limits.part);
  return { encoding, units, characters: chars.length, parts, perPart: limits.part, remainingInPart: limits.part - lastFill, nonGsm };
}

/** Common non-GSM characters and what to write instead (kept GSM-7, and readable). */
const REPLACEMENTS: Record<string, string> = {
  á: 'a',
  í: 'i',
  ó: 'o',
  ú: 'u',
  Á: 'A',
  Í: 'I',
  Ó: 'O',
  Ú: 'U',
  // Only the capital Ç is in the basic set.
  ç: 'c',
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '´': "'",
  '`': "'",
  '–': '-',
  '—': '-',
  '…': '...',
  º: 'o',
  ª: 'a',
  '°': 'o',
  '\u00a0': ' ',
  '\t': ' ',
  '•': '-',
};

/** What a non-GSM character could become: the table above, else the letter without its accent. */
function replacementFor(char: string): string | null {
  if (char in REPLACEMENTS) return REPLACEMENTS[char];
  const plain = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (plain && plain !== char && Array.from(plain).every(isGsmChar)) return plain;
  return null;
}

export interface GsmSuggestion {
  char: string;
  /** null: no GSM-7 equivalent (an emoji): only removing it keeps the message in GSM-7. */
  replacement: string | null;
  count: number;
}

/** The characters that force UCS-2, how often each appears, and what to write instead. */
export function gsmSuggestions(text: string): GsmSuggestion[] {
  const counts = new Map<string, number>();
  for (const char of Array.from(text)) {
    if (!isGsmChar(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts].map(([char, count]) => ({ char, replacement: replacementFor(char), count }));
}

/**
 * The text with every replaceable non-GSM character replaced (the "reemplazar" button), so
 * the message fits 160 per SMS again. Characters without an equivalent are left for staff to
 * decide.
 */
export function replaceNonGsm(text: string): string {
  return Array.from(text)
    .map((char) => (isGsmChar(char) ? char : (replacementFor(char) ?? char)))
    .join('');
}
