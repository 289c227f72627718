import { and, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { containsPattern } from './like';

/**
 * Searching names as reception types them: "ibanez" finds IBAÑEZ, "Martínez" finds MARTINEZ.
 * Both sides are folded the same way: accents and the tilde dropped, letters upper-cased. The
 * database side uses translate() with the letters spelled out, not lower()/unaccent: lower('Ñ')
 * depends on the cluster's locale (ASCII-only in C) and PGlite has no unaccent extension. ILIKE
 * then only has ASCII case left to fold, which every locale does.
 */
const ACCENTED = 'ÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇáàäâãéèëêíìïîóòöôõúùüûñç';
const PLAIN = 'AAAAAEEEEIIIIOOOOOUUUUNCAAAAAEEEEIIIIOOOOOUUUUNC';

/** A search text folded as foldedColumn() folds the stored one. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/** `%text%` for ILIKE, folded, with `%`, `_` and `\` typed in the box taken as letters. */
export function foldedLikePattern(text: string): string {
  return containsPattern(foldForSearch(text));
}

/** A column or expression with the accented letters folded (constants inlined: one statement shape). */
export function foldedColumn(expr: SQL | AnyPgColumn): SQL {
  return sql`translate(${expr}, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})`;
}

/** `expr` contains `text`, ignoring case and accents. */
export function foldedContains(expr: SQL | AnyPgColumn, text: string): SQL {
  return sql`${foldedColumn(expr)} ilike ${foldedLikePattern(text)}`;
}

/** Every word of `text` (up to five) is in `expr`, in any order: "juan perez" finds PEREZ JUAN. */
export function foldedContainsEveryWord(expr: SQL | AnyPgColumn, text: string): SQL {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 5);
  return and(...(words.length ? words : ['']).map((w) => foldedContains(expr, w)))!;
}
