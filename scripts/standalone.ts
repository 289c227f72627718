/** `npm run build` runs this after `next build` (postbuild): completes .next/standalone (scripts/lib/standalone.ts). */
import { prepareStandalone } from './lib/standalone';

const folder = prepareStandalone();
if (!folder) {
  console.error('No hay .next/standalone/server.js: ¿falta output: "standalone" en next.config.ts o falló next build?');
  process.exit(1);
}
console.log(`Servidor autónomo listo: node ${folder.replace(`${process.cwd()}/`, '')}/server.js`);
