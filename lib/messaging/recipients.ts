/**
 * Recipient checks shared by the outbox and (later) the reminder lists, which offer only
 * patients whose mail or mobile "is correctly entered" (manual, ENVIAR RECORDATORIOS).
 */

// Deliberately loose: one @, a dot in the domain, no spaces or angle brackets. The provider is
// the final judge; this only keeps obvious typos out of the queue.
const EMAIL_SHAPE = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\.]{2,}$/;

export function normalizeEmail(value: string): string {
  return value.trim();
}

export function isValidEmail(value: string): boolean {
  const email = normalizeEmail(value);
  return email.length <= 254 && EMAIL_SHAPE.test(email) && !email.includes('..');
}

/**
 * The manual asks for mobiles "sin guiones ni espacios": we strip separators ourselves.
 * Argentine mobiles are 10 digits (area code + number), or up to 13 with 54 9 in front.
 */
export function normalizePhone(value: string): string {
  return value.replace(/[\s\-().+/]/g, '');
}

export function isValidPhone(value: string): boolean {
  return /^[0-9]{10,13}$/.test(normalizePhone(value));
}

export function invalidEmailError(value: string): string {
  return `Dirección de correo inválida: "${value.trim().slice(0, 120)}". Corrija el mail del paciente.`;
}

export function invalidPhoneError(value: string): string {
  return `Número de celular inválido: "${value.trim().slice(0, 40)}". Debe tener de 10 a 13 dígitos (código de área sin 0 y número sin 15).`;
}
