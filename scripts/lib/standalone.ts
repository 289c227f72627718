import fs from 'node:fs';
import path from 'node:path';

/**
 * `output: 'standalone'` leaves out what a CDN usually serves: public/ and .next/static. Copied beside
 * .next/standalone/server.js, so `node .next/standalone/server.js` serves the whole app on its own.
 * Returns the standalone folder, or null when the build did not make one.
 */
export function prepareStandalone(root = process.cwd()): string | null {
  const standalone = path.join(root, '.next', 'standalone');
  if (!fs.existsSync(path.join(standalone, 'server.js'))) return null;
  const copies: [from: string, to: string][] = [
    [path.join(root, 'public'), path.join(standalone, 'public')],
    [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
  ];
  for (const [from, to] of copies) {
    // Replaced, not merged: files of an earlier build must not linger.
    fs.rmSync(to, { recursive: true, force: true });
    if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
  }
  return standalone;
}
