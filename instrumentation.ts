export async function register() {
  // Database and Node APIs: only in the Node.js server runtime, never on the edge.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./lib/server/boot');
    await boot();
  }
}
