'use client';

import { useRouter } from 'next/navigation';
import { startTransition } from 'react';
import { TryAgainNotice } from '@/components/errors/try-again-notice';

/**
 * Every page's error boundary (under the root layout): an unexpected failure, such as the database
 * being unreachable, shows a Spanish "intente nuevamente" page instead of Next.js's English one.
 * Next.js answers it with HTTP 500 and logs the real error on the server; the browser only gets a digest.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // reset() alone re-renders with the same server payload; refresh fetches the page again.
  const retry = () => startTransition(() => {
    router.refresh();
    reset();
  });
  return <TryAgainNotice reset={retry} />;
}
