/**
 * `npm start`: validate the environment, build if needed, then serve with `next start`.
 * The server itself migrates and seeds the database on boot (instrumentation.ts).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EnvError, parseEnv } from '../lib/env';
import { buildIfNeeded } from './lib/build-if-needed';

function embeddedAuthSecret(): string {
  // With the embedded database there is no operator to set AUTH_SECRET: keep one beside the data,
  // so sessions and encrypted settings survive restarts.
  const dir = path.resolve(process.env.DATA_DIR || '.data');
  const file = path.join(dir, 'auth-secret');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

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
