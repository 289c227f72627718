/**
 * SMS Masivos wants Argentine mobiles as 10 digits: area code without the 0, number without the
 * 15 ("IMPORTANTE: ... sin guiones ni espacios"). Patients type them every way: "011 15 4444-5555",
 * "+54 9 11 4444-5555", "0351 155 123456". Pure.
 */
export function argentineMobile10(value: string): string | null {
  let digits = value.replace(/\D/g, '');
  // International forms: +54 9 <10 digits> (mobile) or +54 <10 digits>.
  if (digits.length === 13 && digits.startsWith('549')) digits = digits.slice(3);
  else if (digits.length === 12 && digits.startsWith('54')) digits = digits.slice(2);
  // Trunk prefix, and international forms dialled from inside the country (0054...).
  if (digits.startsWith('0')) digits = digits.replace(/^0+/, '');
  if (digits.length === 13 && digits.startsWith('549')) digits = digits.slice(3);
  if (digits.length === 12) {
    // The 15 follows the area code, which has 2 (Buenos Aires, 11), 3 (most cities) or 4 digits.
    const at = digits.startsWith('11') ? 2 : digits.slice(3, 5) === '15' ? 3 : digits.slice(4, 6) === '15' ? 4 : -1;
    if (at < 0 || digits.slice(at, at + 2) !== '15') return null;
    digits = digits.slice(0, at) + digits.slice(at + 2);
  }
  // Area codes start with 1, 2 or 3 (11, 2xx, 3xx).
  return /^[123]\d{9}$/.test(digits) ? digits : null;
}
