/** Text typed in a search box, for LIKE / ILIKE: `%`, `_` and `\` are letters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** `%text%`: contains `text`, taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
