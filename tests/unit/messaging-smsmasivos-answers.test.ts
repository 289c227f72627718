import { describe, expect, it } from 'vitest';
import { classifySmsMasivosAnswer } from '@/lib/messaging/transports/smsmasivos';

describe('SMS Masivos answers other than OK', () => {
  it.each([
    ['Número de celular inválido', true],
    ['Falta el texto del mensaje', true],
    ['Usuario o clave incorrectos', false],
    ['Sin crédito disponible', false],
    ['Saldo insuficiente para el mensaje', false],
    ['Error interno', false],
    ['', false],
  ])('"%s" permanent=%s, shown as the provider wrote it', (answer, permanent) => {
    const error = classifySmsMasivosAnswer(answer);
    expect(error.permanent).toBe(permanent);
    expect(error.message).toBe(`SMS Masivos respondió: ${answer || '(respuesta vacía)'}`);
  });
});
