/**
 * A local stand-in for SMS Masivos' HTTP API (lib/messaging/transports/smsmasivos.ts): the same
 * pages, query parameters and plain-text ISO-8859-1 answers, including its refusals. The error
 * wordings are ours (the provider does not publish them); the transport shows any of them as is.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSmsRequest {
  page: string;
  params: Record<string, string>;
}

export interface SmsMasivosFake {
  baseUrl: string;
  requests: FakeSmsRequest[];
  /** SMS accepted (not test=1), in order. */
  sent: { tos: string; texto: string; idinterno?: string }[];
  balance: number;
  /** Answer the next N sends with HTTP 503. */
  failNext(count: number): void;
  close(): Promise<void>;
}

export const FAKE_USER = 'centro';
export const FAKE_PASSWORD = 'clave-sms';
export const FAKE_API_KEY = 'k-0123456789';
/** A number the fake refuses as the real service refuses unknown lines. */
export const REFUSED_NUMBER = '1100000000';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

export async function startSmsMasivosFake(initialBalance = 100): Promise<SmsMasivosFake> {
  const requests: FakeSmsRequest[] = [];
  const sent: SmsMasivosFake['sent'] = [];
  let failures = 0;
  const state = { balance: initialBalance };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    const page = url.pathname.replace(/^\//, '').toLowerCase();
    requests.push({ page, params });
    const answer = (text: string, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(latin1(text));
    };
    const authorised =
      params.apikey === FAKE_API_KEY || (params.usuario === FAKE_USER && params.clave === FAKE_PASSWORD);

    if (page === 'obtener_saldo.asp') {
      return authorised ? answer(String(state.balance)) : answer('Usuario o clave incorrectos');
    }
    if (page !== 'enviar_sms.asp') return answer('Not found', 404);
    if (failures > 0) {
      failures--;
      return answer('Servicio no disponible', 503);
    }
    if (params.api !== '1') return answer('Falta el parámetro API');
    if (!authorised) return answer('Usuario o clave incorrectos');
    if (!/^\d{10}$/.test(params.tos ?? '') || params.tos === REFUSED_NUMBER) return answer('Número de celular inválido');
    if (!params.texto) return answer('Falta el texto del mensaje');
    if (params.test === '1') return answer('OK');
    if (state.balance <= 0) return answer('Sin crédito disponible');
    state.balance--;
    sent.push({ tos: params.tos, texto: params.texto, idinterno: params.idinterno });
    answer('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sent,
    get balance() {
      return state.balance;
    },
    set balance(value: number) {
      state.balance = value;
    },
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
