import type { Instrumentation } from 'next';

export async function register() {
  // Database and Node APIs: only in the Node.js server runtime, never on the edge.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./lib/server/boot');
    await boot();
    // Delivers the outbox (mails, SMS) from this process; OUTBOX_WORKER=off when a separate `npm run worker` does it.
    (await import('./lib/messaging/background')).startBackgroundWorker();
  }
}

/** Every uncaught server error, as one JSON line with the request id middleware.ts gave the request. */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  const { log } = await import('./lib/server/log');
  const requestId = request.headers['x-request-id'];
  log.error('Error del servidor al atender un pedido.', {
    requestId: Array.isArray(requestId) ? requestId[0] : requestId,
    method: request.method,
    // Without the query string: it can carry activation and reset tokens.
    path: request.path.split('?')[0],
    route: context.routePath,
    routeType: context.routeType,
    err,
  });
};
