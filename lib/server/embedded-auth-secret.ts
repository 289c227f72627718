import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * With the embedded database there is no operator to set AUTH_SECRET: keep one beside the data
 * (<DATA_DIR>/auth-secret), so sessions and encrypted settings survive restarts. Used by `npm start`
 * and, for `node .next/standalone/server.js` (Docker), by boot().
 */
export function embeddedAuthSecret(): string {
  // Runtime data, not a source file: keep the bundler from tracing the project (turbopackIgnore).
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || '.data');
  const file = path.join(dir, 'auth-secret');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}
