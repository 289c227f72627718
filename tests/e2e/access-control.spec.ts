import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from '@playwright/test';
import { ACTIONS, ROUTES, type Access } from '../support/access-map';
import { patientPage, staffPage } from './sign-in';

/**
 * Who may open which page and call which server action, checked over HTTP for EVERY page of app/
 * and EVERY action of the build: a new page or action that is not listed below fails the suite
 * until someone decides who may use it. Hidden links are not the protection: each request here is
 * made by hand, with the session of the user being tested.
 */

const NOT_ALLOWED = 'No tiene permiso para esta acción';
const SESSION_ENDED = 'Su sesión terminó';

/** The app/ tree as URL patterns: page.tsx and route.ts files, route groups dropped, /api left out. */
function appRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const keep = !/^\(.*\)$/.test(entry.name);
        walk(path.join(dir, entry.name), keep ? [...segments, entry.name] : segments);
      } else if (/^(page|route)\.tsx?$/.test(entry.name) && segments[0] !== 'api') {
        found.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(path.resolve('app'), []);
  return [...new Set(found)].sort();
}

/** A concrete URL for a pattern: any id will do, the gate answers before the page looks it up. */
function concrete(pattern: string): string {
  return pattern.replace('[canal]', 'email').replace(/\[[^\]]+\]/g, '1');
}

type ManifestEntry = { filename: string; exportedName: string; workers: Record<string, unknown> };

function builtActions(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(fs.readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const out = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    // The page the action is posted to: one that uses it ("app/admin/(panel)/x/[id]/page" → /admin/x/1).
    const worker = Object.keys(entry.workers)[0];
    const page = concrete(`/${worker.replace(/^app\//, '').replace(/\/?page$/, '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`);
    out.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return out;
}

test('cada página y cada acción del servidor tiene decidido quién puede usarla', () => {
  expect(appRoutes(), 'a page was added or removed: list it in ROUTES with who may open it').toEqual(Object.keys(ROUTES).sort());
  expect([...builtActions().keys()].sort(), 'an action was added or removed: list it in ACTIONS').toEqual(Object.keys(ACTIONS).sort());

  // The staff menu hides admin pages from reception: it must agree with ROUTES.
  const nav = fs.readFileSync(path.resolve('components/admin/admin-nav.tsx'), 'utf8');
  const items = [...nav.matchAll(/\{ href: '([^']+)', label: '[^']+'(, roles: ADMIN_ONLY)? \}/g)];
  expect(items.length).toBeGreaterThan(10);
  for (const [, href, adminOnly] of items) expect(ROUTES[href], href).toBe(adminOnly ? 'admin' : 'staff');

  // An inline action must still hand over to the action it is listed with, which is closed to
  // exactly who may open its page.
  for (const [key, access] of Object.entries(ACTIONS)) {
    if (typeof access === 'string') continue;
    const file = key.split('#')[0];
    expect(fs.readFileSync(path.resolve(file), 'utf8'), key).toMatch(new RegExp(`'use server';\\s*return ${access.delegates}\\(`));
    const delegate = Object.keys(ACTIONS).find((k) => k.endsWith(`#${access.delegates}`))!;
    const route = `/${file.replace(/^app\//, '').replace(/\/page\.tsx$/, '').split('/').filter((s) => !/^\(.*\)$/.test(s)).join('/')}`;
    expect(ACTIONS[delegate], key).toBe(ROUTES[route]);
  }
});

/** Where a GET ends up after every redirect, as path + query. */
async function landing(request: APIRequestContext, url: string): Promise<{ status: number; at: string }> {
  const response = await request.get(url);
  const final = new URL(response.url());
  return { status: response.status(), at: `${final.pathname}${final.search}` };
}

const routesWith = (...access: Access[]) => Object.entries(ROUTES).filter(([, a]) => access.includes(a)).map(([p]) => p);

test('sin sesión, cada página privada lleva a ingresar (la del paciente o la del personal)', async ({ request }) => {
  for (const pattern of routesWith('patient', 'staff', 'admin')) {
    const url = concrete(pattern);
    const { at } = await landing(request, url);
    const login = pattern.startsWith('/admin') ? '/admin/ingresar' : '/ingresar';
    expect(at, url).toBe(`${login}?desde=${encodeURIComponent(url)}`);
  }
  for (const url of routesWith('public').map(concrete)) expect((await landing(request, url)).at, url).toBe(url);
});

async function contexts(browser: Browser) {
  const [patient, reception, admin] = await Promise.all([patientPage(browser, '28999888'), staffPage(browser, 'recepcion'), staffPage(browser, 'admin')]);
  return { patient: patient.request, reception: reception.request, admin: admin.request };
}

test('cada rol abre solo sus páginas: la recepción no entra a las de administrador, el paciente no entra al personal', async ({ browser }) => {
  const { patient, reception, admin } = await contexts(browser);
  for (const pattern of routesWith('staff', 'admin')) {
    const url = concrete(pattern);
    expect((await landing(patient, url)).at, `paciente → ${url}`).toBe(`/admin/ingresar?desde=${encodeURIComponent(url)}`);
    const asReception = await landing(reception, url);
    if (ROUTES[pattern] === 'admin' && pattern.endsWith('/exportar')) {
      // A download (route handler) answers the refusal itself instead of redirecting.
      expect(asReception, `recepción → ${url}`).toEqual({ at: url, status: 403 });
    } else if (ROUTES[pattern] === 'admin') {
      expect(asReception.at, `recepción → ${url}`).toBe('/admin?motivo=sin-permiso');
    } else {
      expect(asReception.at, `recepción → ${url}`).toBe(url);
      expect(asReception.status, `recepción → ${url}`).toBeLessThan(500);
    }
    // The administrator gets in everywhere: the refusals above are about the role.
    const asAdmin = await landing(admin, url);
    expect(asAdmin.at, `admin → ${url}`).toBe(url);
    expect(asAdmin.status, `admin → ${url}`).toBeLessThan(500);
  }
  for (const pattern of routesWith('patient')) {
    const url = concrete(pattern);
    expect((await landing(reception, url)).at, `recepción → ${url}`).toBe(`/ingresar?desde=${encodeURIComponent(url)}`);
  }
});

/** Calls a server action by hand, as the browser would, with an argument no schema accepts. */
async function callAction(request: APIRequestContext, baseURL: string, action: { id: string; page: string }): Promise<APIResponse> {
  return request.post(action.page, {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: new URL(baseURL).origin },
    data: JSON.stringify(['__invalido__']),
    maxRedirects: 0,
  });
}

/** Refused: the action said so, or the gate sent the caller to sign in / to the panel home. */
async function refusal(response: APIResponse): Promise<string | null> {
  const redirect = response.headers()['x-action-redirect'] ?? '';
  if (/^\/(admin\/)?ingresar|^\/admin\?motivo=sin-permiso/.test(redirect)) return `redirect ${redirect}`;
  const body = await response.text();
  if (body.includes(NOT_ALLOWED)) return 'no permission';
  if (body.includes(SESSION_ENDED)) return 'no session';
  return null;
}

test('cada acción del servidor rechaza a quien no corresponde, llamada directamente', async ({ browser, request, baseURL }) => {
  const sessions = { anonymous: request, ...(await contexts(browser)) };
  const actions = builtActions();
  for (const [key, access] of Object.entries(ACTIONS)) {
    if (typeof access !== 'string' || access === 'public') continue;
    const action = actions.get(key)!;
    const refusedFor = access === 'patient' ? (['anonymous', 'reception', 'admin'] as const) : access === 'staff' ? (['anonymous', 'patient'] as const) : (['anonymous', 'patient', 'reception'] as const);
    for (const who of refusedFor) {
      expect(await refusal(await callAction(sessions[who], baseURL!, action)), `${who} → ${key}`).not.toBeNull();
    }
    // Allowed callers get past the gate and only trip on the bad argument ("Revise los datos").
    if (access !== 'patient') {
      const allowed = await callAction(access === 'staff' ? sessions.reception : sessions.admin, baseURL!, action);
      expect(await refusal(allowed), `allowed → ${key}`).toBeNull();
      expect(allowed.status(), `allowed → ${key}`).toBe(200);
    }
  }
});

test('una acción del paciente llamada con un id inventado responde con un mensaje, no con un error', async ({ browser, baseURL }) => {
  const patient = (await patientPage(browser, '28999888')).request;
  const actions = builtActions();
  for (const name of ['cancelMyAppointment', 'updateMyAppointmentReason']) {
    const answer = await callAction(patient, baseURL!, actions.get(`lib/booking/actions.ts#${name}`)!);
    expect(answer.status(), name).toBe(200);
    expect(await answer.text(), name).toContain('No encontramos ese turno');
  }
});
