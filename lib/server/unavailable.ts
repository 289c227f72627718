import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/errors';

/**
 * While PostgreSQL is unreachable (a restart, a failover) pages and actions send the browser to
 * UNAVAILABLE_PATH: a Spanish "intente nuevamente" page answered with 503 by a route handler that
 * needs no database. Next.js renders error.tsx only in the browser, with JavaScript; this works
 * without it, and gives load balancers and monitors an honest status.
 */
export const UNAVAILABLE_PATH = '/no-disponible';

/** Redirects to the unavailable page when `error` says the database is down; rethrows anything else. */
export function redirectIfDatabaseDown(error: unknown, back: string): never {
  if (isDatabaseUnavailable(error)) {
    console.error(`Base de datos no disponible: ${describe(error)}`);
    redirect(`${UNAVAILABLE_PATH}?volver=${encodeURIComponent(back)}`);
  }
  throw error;
}

/** Runs `work`; a database outage on the way becomes the unavailable page (see redirectIfDatabaseDown). */
export async function orUnavailable<T>(work: () => Promise<T>, back: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    redirectIfDatabaseDown(error, back);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const inner = cause ?? (error as { code?: string; message?: string });
  return `${inner?.code ?? ''} ${inner?.message ?? String(error)}`.trim();
}

/**
 * A page whose own database reads, too, end on the unavailable page when PostgreSQL is down. The
 * layout already covers requests made during an outage; this covers a render the crash catches
 * half-way (layout read, page not yet), which Next.js would otherwise answer with an empty error
 * shell for browsers without JavaScript. For the pages of the booking path.
 */
export function withDatabase<P>(page: (props: P) => Promise<React.ReactNode>, back: string) {
  return async function PageOrUnavailable(props: P): Promise<React.ReactNode> {
    return orUnavailable(() => page(props), back);
  };
}
