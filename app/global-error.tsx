'use client';

import './globals.css';
import { TryAgainNotice } from '@/components/errors/try-again-notice';

/** When even the root layout fails: the same Spanish page, with its own <html> (it replaces the layout). */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="es-AR">
      <head>
        <title>Intente nuevamente · Turnos</title>
      </head>
      <body className="min-h-dvh">
        <TryAgainNotice reset={reset} />
      </body>
    </html>
  );
}
