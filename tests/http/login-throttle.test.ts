/**
 * Brute force against two instances of the production build on one PostgreSQL, through the
 * "Ingresar" form as a browser without JavaScript posts it. The attempt counts live in the
 * database (lib/auth/throttle.ts), so alternating between instances must not buy a single extra
 * guess: the limits are exactly those of one instance (DEFAULT_THROTTLE: 5 per account, 20 per address).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_THROTTLE } from '../../lib/auth/throttle';
import { createEmptyDatabase, startApp, type AppServer, type FreshDatabase } from './support/app-server';
import { describeHttp } from './support/describe-http';
import { fill, formWithField, NoJsBrowser, visibleText } from './support/no-js-browser';
import { addWebPatients, countBy, openTestDb, PATIENT_PASSWORD, type WebPatient } from './support/portal';

const WRONG = 'DNI o contraseña incorrectos.';
const THROTTLED = `Demasiados intentos fallidos. Por seguridad espere ${DEFAULT_THROTTLE.windowMinutes} minutos e intente nuevamente.`;

type LoginOutcome = 'wrong' | 'throttled' | 'signed-in' | string;

describeHttp('login throttling with two app instances on one database', () => {
  let database: FreshDatabase;
  let apps: AppServer[];
  let patients: WebPatient[];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    // Started together: both migrate and seed the same empty database at once, as a scaled-out deploy does.
    apps = await Promise.all([startApp(database.url), startApp(database.url)]);
    const handle = openTestDb(database.url);
    patients = await addWebPatients(handle.db, 4, 54_000_000);
    await handle.close();
  });

  afterAll(async () => {
    await Promise.all((apps ?? []).map((a) => a.stop()));
    await database?.drop();
  });

  /** Opens "Ingresar" on `app` and posts the form, from `ip` as the proxy in front sees it. */
  async function login(app: AppServer, dni: string, password: string, ip: string): Promise<LoginOutcome> {
    const browser = new NoJsBrowser(app.url, { forwardedFor: { client: ip } });
    const form = formWithField((await browser.get('/ingresar')).html, 'dni');
    const page = await browser.submit('/ingresar', fill(form, { dni, password }));
    if (page.status !== 200) return `HTTP ${page.status}`;
    if (page.path === '/mis-turnos') return 'signed-in';
    const text = visibleText(page.html);
    if (text.includes(THROTTLED)) return 'throttled';
    if (text.includes(WRONG)) return 'wrong';
    return `unexpected page ${page.path}: ${text.slice(0, 200)}`;
  }

  it('wrong passwords for one DNI, alternating instances and addresses, are stopped at the account limit', async () => {
    const [victim] = patients;
    const outcomes: LoginOutcome[] = [];
    for (let i = 0; i < DEFAULT_THROTTLE.maxPerAccount + 3; i++) {
      outcomes.push(await login(apps[i % 2], victim.dni, `adivinanza-${i}`, `198.51.100.${i + 1}`));
    }
    expect(outcomes).toEqual([
      ...Array(DEFAULT_THROTTLE.maxPerAccount).fill('wrong'),
      ...Array(3).fill('throttled'),
    ]);
    // Not even the right password gets in now, on either instance...
    expect(await login(apps[0], victim.dni, PATIENT_PASSWORD, '198.51.100.50')).toBe('throttled');
    expect(await login(apps[1], victim.dni, PATIENT_PASSWORD, '198.51.100.51')).toBe('throttled');
    // ...while other accounts, from the same addresses, are unaffected.
    expect(await login(apps[1], patients[1].dni, PATIENT_PASSWORD, '198.51.100.1')).toBe('signed-in');
  });

  it('wrong passwords from one address across both instances are stopped at the address limit', async () => {
    const ip = '203.0.113.9';
    const outcomes: LoginOutcome[] = [];
    // Unknown DNIs: each account stays far below its own limit, only the address adds up.
    for (let i = 0; i < DEFAULT_THROTTLE.maxPerIp; i++) outcomes.push(await login(apps[i % 2], String(60_000_000 + i), 'adivinanza', ip));
    expect(outcomes).toEqual(Array(DEFAULT_THROTTLE.maxPerIp).fill('wrong'));
    expect(await login(apps[0], String(60_000_100), 'adivinanza', ip)).toBe('throttled');
    // From that address, not even a real patient with the right password...
    expect(await login(apps[1], patients[2].dni, PATIENT_PASSWORD, ip)).toBe('throttled');
    // ...who gets in from anywhere else.
    expect(await login(apps[0], patients[2].dni, PATIENT_PASSWORD, '203.0.113.10')).toBe('signed-in');
  });

  it('30 simultaneous wrong guesses for one DNI over both instances: never more than the limit are checked', async () => {
    const victim = patients[3];
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(apps[i % 2], victim.dni, `rafaga-${i}`, `192.0.2.${i + 1}`)),
    );
    console.log(`30 simultaneous guesses on two instances (${Math.round(performance.now() - started)} ms):`, countBy(outcomes, (o) => o));
    expect(outcomes.every((o) => o === 'wrong' || o === 'throttled')).toBe(true);
    const checked = outcomes.filter((o) => o === 'wrong').length;
    expect(checked).toBeLessThanOrEqual(DEFAULT_THROTTLE.maxPerAccount);
    expect(outcomes.filter((o) => o === 'throttled').length).toBeGreaterThanOrEqual(30 - DEFAULT_THROTTLE.maxPerAccount);
    // Attempts refused in the burst leave no trace (lib/auth/throttle.ts), so a burst may stop even
    // below the limit; the account is locked exactly when the limit's worth of guesses were checked.
    const expected = checked === DEFAULT_THROTTLE.maxPerAccount ? 'throttled' : 'signed-in';
    expect(await login(apps[1], victim.dni, PATIENT_PASSWORD, '192.0.2.200')).toBe(expected);
  });
});
