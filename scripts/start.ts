/**
 * `npm start`: validate the environment, build if needed, then serve with `next start`.
 * The server itself migrates and seeds the database on boot (instrumentation.ts).
 */
import { spawn } from 'node:child_process';
import { EnvError, parseEnv } from '../lib/env';
import { embeddedAuthSecret } from '../lib/server/embedded-auth-secret';
import { buildIfNeeded } from './lib/build-if-needed';

let env;
try {
  env = parseEnv();
} catch (err) {
  if (!(err instanceof EnvError)) throw err;
  console.error(`\n${err.message}\n\nRevise las variables de entorno (README, sección Producción).\n`);
  process.exit(1);
}
if (!env.AUTH_SECRET) process.env.AUTH_SECRET = embeddedAuthSecret();
process.env.AUTH_TRUST_HOST ??= 'true';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

buildIfNeeded();

const args = ['node_modules/next/dist/bin/next', 'start', '-p', String(env.PORT)];
if (process.env.HOSTNAME_BIND) args.push('-H', process.env.HOSTNAME_BIND);
const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
