import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { PATIENT_PASSWORD } from './sign-in';

/**
 * The headers and cookie attributes every response carries (lib/security/headers.ts,
 * middleware.ts, next.config.ts, Auth.js's cookies), and Next.js's origin check on server actions.
 * HTTPS is simulated the way a reverse proxy announces it: x-forwarded-proto: https.
 */

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

function expectStaticHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['x-powered-by'], what).toBeUndefined();
}

test('cada página lleva una política de contenido estricta con un nonce nuevo, que Next.js usa en sus scripts', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/ingresar', '/ayuda', '/admin/ingresar', '/obras-sociales']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectStaticHeaders(response, path);
    const csp = response.headers()['content-security-policy'];
    expect(csp, path).toBeTruthy();
    const policy = directives(csp);
    const scriptSrc = policy.get('script-src')!;
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))!.slice("'nonce-".length, -1);
    expect(nonce.length, path).toBeGreaterThanOrEqual(22);
    nonces.add(nonce);
    expect(scriptSrc, path).toContain("'strict-dynamic'");
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(scriptSrc, path).not.toContain("'unsafe-eval'");
    expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
    expect(policy.get('object-src'), path).toEqual(["'none'"]);
    expect(policy.get('base-uri'), path).toEqual(["'self'"]);
    expect(policy.get('form-action'), path).toEqual(["'self'"]);
    // Plain HTTP: no HSTS, no upgrade.
    expect(response.headers()['strict-transport-security'], path).toBeUndefined();
    expect(policy.has('upgrade-insecure-requests'), path).toBe(false);
    // Every script tag of the page carries this request's nonce, or the browser would refuse it.
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(5);
});

test('las respuestas que no son páginas también llevan los encabezados fijos', async ({ request }) => {
  expectStaticHeaders(await request.get('/api/health'), '/api/health');
  const redirect = await request.get('/mis-turnos', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectStaticHeaders(redirect, 'redirect');
  expect(redirect.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('detrás de HTTPS se agrega HSTS y la política pide HTTPS para todo', async ({ request }) => {
  const response = await request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
  expect(response.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  expect(directives(response.headers()['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
});

test('Chromium aplica la política: un manejador o enlace javascript: inyectado no corre, y la página funciona sin violaciones', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/ingresar');
  // The page's own scripts ran: React hydrated the form.
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector('form')!).some((k) => k.startsWith('__react'))))
    .toBe(true);
  // What injected markup could do: an inline handler and a javascript: link. ('strict-dynamic'
  // does trust scripts that already-running code creates: only the app's own code runs, so that is fine.)
  const ran = await page.evaluate(async () => {
    const blocked = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }),
    );
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__injected = true"><a id="inyectado" href="javascript:window.__injected=true">x</a>');
    const directive = await blocked;
    document.getElementById('inyectado')!.click();
    await new Promise((r) => setTimeout(r, 300));
    return { directive, injected: (window as unknown as { __injected?: boolean }).__injected ?? false };
  });
  expect(ran.injected).toBe(false);
  expect(ran.directive).toMatch(/^script-src/);
  violations.length = 0;
  // A normal visit of the portal raises no violation at all.
  for (const path of ['/', '/obras-sociales', '/ayuda', '/registrarse', '/admin/ingresar']) await page.goto(path);
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('32555666');
  await page.getByLabel('Contraseña').fill(PATIENT_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/mis-turnos$/);
  await page.getByRole('link', { name: 'Tomar Turno', exact: true }).first().click();
  await expect(page).toHaveURL(/\/tomar-turno/);
  expect(violations).toEqual([]);
});

/** Signs in through the real form and returns the Set-Cookie lines of the sign-in action's answer. */
async function signInCookies(page: Page, https: boolean): Promise<string[]> {
  if (https) {
    await page.route('**/*', (route) => route.continue({ headers: { ...route.request().headers(), 'x-forwarded-proto': 'https' } }));
  }
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('32555666');
  await page.getByLabel('Contraseña').fill(PATIENT_PASSWORD);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  const response = await answer;
  return (await response.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
}

function sessionCookie(lines: string[]): string {
  const line = lines.find((l) => /^(__Secure-)?authjs\.session-token=/.test(l));
  expect(line, lines.join('\n')).toBeDefined();
  return line!;
}

test('la cookie de sesión es HttpOnly y SameSite=Lax, y Secure (con prefijo __Secure-) detrás de HTTPS', async ({ browser }) => {
  const http = await (await browser.newContext()).newPage();
  const plain = sessionCookie(await signInCookies(http, false));
  expect(plain).toMatch(/^authjs\.session-token=/);
  expect(plain).toMatch(/;\s*HttpOnly/i);
  expect(plain).toMatch(/;\s*SameSite=Lax/i);
  expect(plain).not.toMatch(/;\s*Secure/i);

  const https = await (await browser.newContext()).newPage();
  const secure = sessionCookie(await signInCookies(https, true));
  expect(secure).toMatch(/^__Secure-authjs\.session-token=/);
  expect(secure).toMatch(/;\s*HttpOnly/i);
  expect(secure).toMatch(/;\s*SameSite=Lax/i);
  expect(secure).toMatch(/;\s*Secure/i);
});

test('una acción del servidor enviada desde otro origen se rechaza', async ({ page, request, baseURL }) => {
  // The sign-in action's request, captured from the real form.
  await page.goto('/ingresar');
  await page.getByLabel('DNI').fill('32555666');
  await page.getByLabel('Contraseña').fill(PATIENT_PASSWORD);
  const posting = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  const captured = await posting;
  const replay = (origin: string) =>
    request.post('/ingresar', {
      headers: { ...captured.headers(), origin, cookie: '' },
      data: captured.postDataBuffer()!,
      maxRedirects: 0,
    });

  const foreign = await replay('http://sitio-malicioso.example');
  expect(foreign.status()).toBe(500);
  expect((await foreign.headersArray()).some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('session-token'))).toBe(false);

  // The same request from the app's own origin signs in: the refusal was the origin, nothing else.
  const own = await replay(new URL(baseURL!).origin);
  expect(own.status()).toBeLessThan(400);
  expect((await own.headersArray()).some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('session-token'))).toBe(true);
});
