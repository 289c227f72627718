// `npm run bench` imports server modules outside Next. They start with `import 'server-only'`,
// which throws outside a React Server Components build; the react-server condition would silence
// it but also forbids react-dom/server, which React Email needs. So: 'server-only' resolves to an
// empty module here, as it does in the vitest config.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
