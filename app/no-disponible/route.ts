import { TRY_AGAIN_TEXT, TRY_AGAIN_TITLE } from '@/components/errors/try-again-notice';
import { escapeHtml } from '@/lib/security/escape-html';

export const dynamic = 'force-dynamic';

/** Only back to a page of this site: a path, never another host. */
function safeBack(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

/**
 * Where pages and actions send the browser while the database is unreachable
 * (lib/server/unavailable.ts). Plain HTML with its own styles: it must work with no database,
 * no JavaScript, and answer 503 with Retry-After so a balancer or a monitor sees the outage.
 */
export function GET(request: Request): Response {
  const back = escapeHtml(safeBack(new URL(request.url).searchParams.get('volver')));
  const html = `<!DOCTYPE html>
<html lang="es-AR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Intente nuevamente · Turnos</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:36rem;margin:0 auto;padding:2.5rem 1rem}
div{border:1px solid #fcd34d;background:#fffbeb;color:#78350f;border-radius:.5rem;padding:1.25rem}
h1{font-size:1.5rem;margin:0 0 .75rem}
p{font-size:1.125rem;line-height:1.5;margin:0 0 1rem}
a{display:inline-flex;align-items:center;min-height:3rem;padding:0 1.25rem;border-radius:.5rem;font-size:1.125rem;margin-right:.75rem}
a.primary{background:#174c99;color:#fff;font-weight:600;text-decoration:none}
a.primary:hover{background:#123b77}
a.secondary{color:#174c99}
</style>
</head>
<body>
<main>
<div role="alert">
<h1>${escapeHtml(TRY_AGAIN_TITLE)}</h1>
<p>${escapeHtml(TRY_AGAIN_TEXT)}</p>
<a class="primary" href="${back}">Intentar nuevamente</a><a class="secondary" href="/">Ir al inicio</a>
</div>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '30', 'cache-control': 'no-store' },
  });
}
