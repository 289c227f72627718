export async function register() {
  // Database and Node APIs: only in the Node.js server runtime, never on the edge.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./lib/server/boot');
    await boot();
    // Delivers the outbox (mails, SMS) from this process; OUTBOX_WORKER=off when a separate `npm run worker` does it.
    (await import('./lib/messaging/background')).startBackgroundWorker();
  }
}
