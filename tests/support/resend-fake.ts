/**
 * A local stand-in for Resend's HTTP API, the parts the transport uses (POST /emails and
 * POST /emails/batch), answering as Resend documents it:
 * - `Authorization: Bearer <key>`, else 401 `{ statusCode, name, message }`.
 * - a rate limit per key (default 2 requests per second, fixed one-second windows): every answer
 *   carries `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`; beyond it, 429
 *   `rate_limit_exceeded` with `retry-after`.
 * - `Idempotency-Key` (per endpoint, kept for the fake's life): the same key with the same body
 *   answers the first response again and delivers nothing; the same key with another body is 409
 *   `invalid_idempotent_request`; while the first is still in progress, 409
 *   `concurrent_idempotent_requests`.
 * - the batch: at most 100 emails, no attachments; `x-batch-validation: strict` (default) refuses
 *   the whole batch with 422 when one email is invalid, `permissive` delivers the valid ones and
 *   answers `{ data: [{ id }...accepted, in order], errors: [{ index, message }] }`.
 * Invalid here: a `to` that is not an address, or one starting with "invalido@".
 * `delivered` holds every email the fake "sent", once each: the thing exactly-once is about.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeResendEmail {
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; content: string; content_type?: string }[];
}

export interface FakeResendRequest {
  path: string;
  authorization?: string;
  idempotencyKey?: string;
  batchValidation?: string;
  body: unknown;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  /** The status the fake answered (or would have, for a request held by onAccepted). */
  status?: number;
}

export interface DeliveredEmail extends FakeResendEmail {
  id: string;
  idempotencyKey?: string;
}

export interface ResendFakeOptions {
  apiKey: string;
  /** Requests per second per key; false = unlimited. Default 2, Resend's default. */
  requestsPerSecond?: number | false;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ResendFake {
  baseUrl: string;
  requests: FakeResendRequest[];
  delivered: DeliveredEmail[];
  /** Answer the next request(s) with this instead of processing them. */
  failNext(reply: Reply, count?: number): void;
  /**
   * Called when a request was accepted (its emails delivered, its idempotent answer stored),
   * before answering. Return 'hold' to never answer it (e.g. after killing the client).
   */
  onAccepted?: (request: FakeResendRequest) => 'hold' | void;
  /** Forget requests, deliveries, stored keys and the rate window. */
  reset(): void;
  close(): Promise<void>;
}

export const RESEND_MAX_BATCH = 100;
const INVALID_TO = 'Invalid `to` field. The email address needs to follow the `email@example.com` format.';

function invalidReason(email: FakeResendEmail): string | null {
  const to = Array.isArray(email?.to) ? email.to : [];
  if (to.length === 0 || to.some((a) => typeof a !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a) || a.startsWith('invalido@'))) return INVALID_TO;
  if (typeof email.from !== 'string' || !email.from.includes('@')) return 'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';
  if (typeof email.subject !== 'string') return 'Missing `subject` field.';
  return null;
}

const error = (status: number, name: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { statusCode: status, name, message },
  headers,
});

export async function startResendFake(options: ResendFakeOptions): Promise<ResendFake> {
  const perSecond = options.requestsPerSecond ?? 2;
  const requests: FakeResendRequest[] = [];
  const delivered: DeliveredEmail[] = [];
  const queued: Reply[] = [];
  /** `${path} ${key}` -> the body it was first used with, and its answer once done. */
  let keys = new Map<string, { body: string; reply?: Reply }>();
  let window = { start: 0, used: 0 };
  const sockets = new Set<Socket>();

  function deliver(email: FakeResendEmail, idempotencyKey?: string): string {
    const id = randomUUID();
    delivered.push({ ...email, id, idempotencyKey });
    return id;
  }

  function process(path: string, request: FakeResendRequest): Reply {
    const body = request.body as FakeResendEmail | FakeResendEmail[];
    if (path === '/emails') {
      const email = body as FakeResendEmail;
      const reason = invalidReason(email);
      if (reason) return error(422, 'validation_error', reason);
      return { status: 200, body: { id: deliver(email, request.idempotencyKey) } };
    }
    if (!Array.isArray(body)) return error(422, 'validation_error', 'The request body must be an array of emails.');
    if (body.length === 0 || body.length > RESEND_MAX_BATCH) {
      return error(422, 'validation_error', `The batch must contain between 1 and ${RESEND_MAX_BATCH} emails.`);
    }
    const withAttachments = body.findIndex((e) => e?.attachments?.length);
    if (withAttachments >= 0) return error(422, 'validation_error', `emails[${withAttachments}]: attachments are not supported in batch emails.`);
    const reasons = body.map(invalidReason);
    const permissive = request.batchValidation === 'permissive';
    const firstInvalid = reasons.findIndex((r) => r !== null);
    if (!permissive && firstInvalid >= 0) return error(422, 'validation_error', `emails[${firstInvalid}]: ${reasons[firstInvalid]}`);
    const data: { id: string }[] = [];
    const errors: { index: number; message: string }[] = [];
    body.forEach((email, index) => {
      const reason = reasons[index];
      if (reason) errors.push({ index, message: reason });
      else data.push({ id: deliver(email, request.idempotencyKey) });
    });
    return { status: 200, body: permissive ? { data, errors } : { data } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        /* answered below */
      }
      const request: FakeResendRequest = {
        path,
        authorization: req.headers.authorization,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        batchValidation: req.headers['x-batch-validation'] as string | undefined,
        body,
        receivedAt: Date.now(),
      };
      requests.push(request);

      const now = Date.now();
      if (now - window.start >= 1000) window = { start: now, used: 0 };
      const rateHeaders = (): Record<string, string> =>
        perSecond === false
          ? {}
          : {
              'ratelimit-limit': String(perSecond),
              'ratelimit-remaining': String(Math.max(0, perSecond - window.used)),
              'ratelimit-reset': String(Math.max(1, Math.ceil((window.start + 1000 - now) / 1000))),
            };
      const answer = (reply: Reply) => {
        request.status = reply.status;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...rateHeaders(), ...reply.headers });
        res.end(JSON.stringify(reply.body));
      };

      if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) {
        return answer(error(404, 'not_found', 'The requested endpoint does not exist.'));
      }
      if (perSecond !== false && window.used >= perSecond) {
        return answer(
          error(429, 'rate_limit_exceeded', `Too many requests. You can only make ${perSecond} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`, {
            'retry-after': '1',
          }),
        );
      }
      window.used++;
      if (request.authorization !== `Bearer ${options.apiKey}`) return answer(error(401, 'validation_error', 'API key is invalid'));
      const failure = queued.shift();
      if (failure) return answer(failure);
      if (body === null) return answer(error(422, 'validation_error', 'The request body is not valid JSON.'));

      const key = request.idempotencyKey;
      const canonical = JSON.stringify(body);
      const slot = key === undefined ? undefined : `${path} ${key}`;
      if (key !== undefined && (key.length < 1 || key.length > 256)) {
        return answer(error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'));
      }
      if (slot) {
        const seen = keys.get(slot);
        if (seen && seen.body !== canonical) {
          return answer(
            error(409, 'invalid_idempotent_request', 'This idempotency key has been used with this HTTP method and endpoint within the last 24 hours, but the request body was modified and doesn’t match the original request.'),
          );
        }
        if (seen && !seen.reply) return answer(error(409, 'concurrent_idempotent_requests', 'There is another request in progress with the same idempotency key.'));
        if (seen?.reply) return answer(seen.reply);
        keys.set(slot, { body: canonical });
      }
      const reply = process(path, request);
      if (slot) {
        // Only an accepted request is remembered: a refused one may be corrected and sent again.
        if (reply.status === 200) keys.get(slot)!.reply = reply;
        else keys.delete(slot);
      }
      request.status = reply.status;
      if (reply.status === 200 && fake.onAccepted?.(request) === 'hold') return;
      answer(reply);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const fake: ResendFake = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    delivered,
    failNext(reply, count = 1) {
      for (let i = 0; i < count; i++) queued.push(reply);
    },
    reset() {
      requests.length = 0;
      delivered.length = 0;
      queued.length = 0;
      keys = new Map();
      window = { start: 0, used: 0 };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
