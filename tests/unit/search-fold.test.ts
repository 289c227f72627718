import { describe, expect, it } from 'vitest';
import { foldedLikePattern, foldForSearch } from '@/lib/search/fold';

describe('search folding (lib/search/fold.ts)', () => {
  it('drops accents and the tilde and upper-cases, as the database side does', () => {
    expect(foldForSearch('Ibáñez José María')).toBe('IBANEZ JOSE MARIA');
    expect(foldForSearch('güemes MUÑOZ çedilla')).toBe('GUEMES MUNOZ CEDILLA');
    // Decomposed input (a phone keyboard may send n + combining tilde) folds the same.
    expect(foldForSearch('Ibán\u0303ez')).toBe('IBANEZ');
  });

  it('takes %, _ and \\ typed in the box as letters', () => {
    expect(foldedLikePattern('50%_a\\b')).toBe('%50\\%\\_A\\\\B%');
  });
});
