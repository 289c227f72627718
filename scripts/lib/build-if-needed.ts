import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prepareStandalone } from './standalone';

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'emails',
  'public',
  'middleware.ts',
  'auth.config.ts',
  'instrumentation.ts',
  'next.config.ts',
  'package.json',
  'package-lock.json',
  'postcss.config.mjs',
  'tsconfig.json',
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when there is no production build, or a source file changed after it was made. */
export function buildIsStale(root = process.cwd()): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestMtime(path.join(root, entry)) > builtAt);
}

/** Runs `next build` when the build is missing or stale. Exits the process if the build fails. */
export function buildIfNeeded(root = process.cwd()): void {
  if (!buildIsStale(root)) return;
  // A failed build can leave BUILD_ID behind; without it, the next start builds again instead of
  // serving a half-written .next.
  const buildId = path.join(root, '.next', 'BUILD_ID');
  fs.rmSync(buildId, { force: true });
  console.log('Compilando la aplicación (next build)...');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    fs.rmSync(buildId, { force: true });
    console.error('La compilación falló; vea los mensajes de arriba.');
    process.exit(result.status ?? 1);
  }
  prepareStandalone(root);
}
