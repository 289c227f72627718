/**
 * Issue 6's HTTP benchmark: the production build (`next start`) on the bench's PostgreSQL with the
 * large center (large-center-seed.ts), loaded from this process over loopback.
 * - Two logged-in pages, each with 50 users back to back (saturation), then 50 users who each
 *   wait about THINK_MS between requests (a paced load). Every answer is checked to be the page.
 * - Bookings through the real HTTP path: each of 50 patients opens "Confirmar Turno" and submits
 *   its form (the server action, as a browser without JavaScript posts it), on distinct slots.
 * The build and the run hold the machine-wide e2e lock, so they never overlap an e2e run.
 * BENCH_DURATION (seconds, default 30) sets each load's length; BENCH_HTTP_PORT the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { fromZonedTime } from 'date-fns-tz';
import { buildIfNeeded } from '../../scripts/lib/build-if-needed';
import { localToday } from '../../lib/availability/queries';
import { addDaysToDate, isoWeekday } from '../../lib/availability/slots';
import type { BenchDatabase } from './databases';
import { BENCH_PASSWORD, seedLargeCenter, TZ, type LargeCenter } from './large-center-seed';
import { summarize, type Timing } from './stats';

const USERS = 50;
const DURATION = Number(process.env.BENCH_DURATION) || 30;
const PORT = Number(process.env.BENCH_HTTP_PORT) || 4150;
const BASE = `http://127.0.0.1:${PORT}`;
/** A patient reading the page before the next click: short, so 50 users still make a real load. */
const THINK_MS = 1000;
const BOOKINGS_PER_USER = Number(process.env.BENCH_BOOKINGS) || 4;
const E2E_LOCK = '/tmp/turnos-e2e.lock';

export interface LoadFigure {
  what: string;
  model: string;
  requests: number;
  perSecond: number;
  latency: Timing & { p99Ms: number };
  errors: number;
  /** What the first error was, to tell a refused booking from a dead server. */
  firstError?: string;
  peakRssMiB: number;
}

export interface HttpBenchResult {
  appointments: number;
  patients: number;
  seedSeconds: number;
  figures: LoadFigure[];
}

/** Holds the machine-wide e2e lock (flock) until release() is called. */
async function holdLock(file: string): Promise<() => void> {
  const holder = spawn('flock', [file, 'sh', '-c', 'echo locked; exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.stdout!.once('data', () => resolve());
  });
  return () => holder.stdin!.end();
}

/** Resident memory of the server and its children, MiB (Linux /proc). */
function rssMiB(pid: number): number {
  let kib = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid);
  return kib / 1024;
}

function sampleRss(pid: number): () => number {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 250);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, rssMiB(pid)));
  };
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString('base64'),
      AUTH_TRUST_HOST: 'true',
      // The outbox is delivered by a separate worker in this setup (a supported deployment): the
      // figures are the web process's.
      OUTBOX_WORKER: 'off',
    },
  });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer /api/health in 60 s');
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/** Logs a patient in through Auth.js's credentials endpoint, as the login form does; returns the Cookie header. */
async function login(dni: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${BASE}/api/auth/callback/patient`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, dni, password: BENCH_PASSWORD, callbackUrl: `${BASE}/mis-turnos` }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`login of ${dni} failed: HTTP ${response.status} ${response.headers.get('location')}`);
  return session;
}

const timingWithP99 = (samples: number[]): Timing & { p99Ms: number } => {
  if (samples.length === 0) return { runs: 0, medianMs: NaN, p95Ms: NaN, minMs: NaN, p99Ms: NaN };
  const t = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  return { ...t, p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0 };
};

/** A page under load, and the text that proves an answer is that page (its title). */
interface LoadedPage {
  what: string;
  path: (user: number) => string;
  title: string;
}

/**
 * One GET as a browser sends it (its session cookie, gzip accepted) on a keep-alive connection of
 * `agent`; resolves to whether the answer is the page: 200 and its <title>. A lost session answers
 * 200 too, with the sign-in form or the portal home, so the status alone proves nothing (the
 * autocannon loads this replaces sent their cookie on the first request only and then measured
 * the portal home without one).
 */
function getPage(agent: http.Agent, path: string, cookie: string, title: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    http
      .get(`${BASE}${path}`, { agent, headers: { cookie, 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) return resolve(false);
          const body = Buffer.concat(chunks);
          const html = (response.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
          resolve(html.includes(`<title>${title} · Turnos</title>`));
        });
      })
      .on('error', reject);
  });
}

/**
 * `USERS` users, each with its own session and keep-alive connection, for DURATION seconds.
 * - `thinkMs` null: back to back, each user's next request as soon as its last answer arrives
 *   (saturation: the throughput ceiling).
 * - `thinkMs` a number: each user's first click comes at a random moment of the first think time,
 *   and each think time is drawn uniformly from 0.5 to 1.5 thinkMs (the same mean, so the same
 *   offered load). With every user waiting exactly thinkMs the users fall into step: any stall (a
 *   GC pause, a busy core) bunches the requests it delays, they are served together, finish
 *   together, think the same second and come back together, so the server sees bursts of dozens of
 *   simultaneous requests and idles between them, which 50 real people do not do
 *   (docs/performance.md, "The HTTP loads").
 */
async function load(page: LoadedPage, cookies: string[], pid: number, thinkMs: number | null): Promise<LoadFigure> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
  const stopRss = sampleRss(pid);
  const t0 = performance.now();
  const end = t0 + DURATION * 1000;
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      if (thinkMs !== null) await new Promise((r) => setTimeout(r, Math.random() * thinkMs));
      while (performance.now() < end) {
        const start = performance.now();
        try {
          if (!(await getPage(agent, page.path(user), cookies[user], page.title))) {
            errors++;
            firstError ??= `${page.path(user)}: not the page (status or title)`;
          }
        } catch (err) {
          errors++;
          firstError ??= String(err);
        }
        samples.push(performance.now() - start);
        if (thinkMs !== null) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    what: page.what,
    model: thinkMs === null ? `${USERS} users back to back` : `${USERS} users, ${thinkMs / 1000} s think time (0.5-1.5 s)`,
    requests: samples.length,
    perSecond: samples.length / seconds,
    latency: timingWithP99(samples),
    errors,
    firstError,
    peakRssMiB: stopRss(),
  };
}

const decodeEntities = (v: string) =>
  v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The hidden fields React renders for a form bound to a server action (what a browser without JavaScript posts). */
function hiddenFields(html: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const input of html.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields.push([decodeEntities(name), decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? '')]);
  }
  return fields;
}

/** Each of USERS patients books BOOKINGS_PER_USER distinct slots: open Confirmar Turno, then submit it. */
async function bookOverHttp(center: LargeCenter, cookies: string[], pid: number, today: string): Promise<LoadFigure> {
  const posts: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const failed = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const stopRss = sampleRss(pid);
  // Working days ten weeks ahead, past the seeded turnos (so no seeded turno of the same patient
  // meets the daily limit) and within max_days_ahead: user u books professional u, 10:00, one a day.
  const firstMonday = addDaysToDate(today, 8 - isoWeekday(today) + 70);
  const days = Array.from({ length: BOOKINGS_PER_USER }, (_, j) => addDaysToDate(firstMonday, j + Math.floor(j / 6)));
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      const professionalId = center.professionalIds[user % center.professionalIds.length];
      const specialtyId = center.specialtyOf.get(professionalId)!;
      for (const day of days) {
        const startsAt = fromZonedTime(`${day}T10:00:00`, TZ).toISOString();
        const url = `${BASE}/tomar-turno/confirmar?profesional=${professionalId}&inicio=${encodeURIComponent(startsAt)}&especialidad=${specialtyId}`;
        try {
          const page = await fetch(url, { headers: { cookie: cookies[user] }, redirect: 'manual' });
          const html = await page.text();
          if (page.status !== 200) throw new Error(`confirm page: HTTP ${page.status}`);
          const form = new FormData();
          for (const [name, value] of hiddenFields(html)) form.append(name, value);
          form.append('insurerId', String(center.insurerId));
          form.append('reason', 'Control');
          const start = performance.now();
          // A browser sends its Origin with a form POST; Next.js refuses a server action without one.
          const response = await fetch(url, { method: 'POST', body: form, headers: { cookie: cookies[user], origin: BASE }, redirect: 'manual' });
          const body = await response.text();
          posts.push(performance.now() - start);
          const location = response.headers.get('location') ?? '';
          if (response.status !== 303 || !/\/mis-turnos\/\d+\/insertado/.test(location)) {
            const alert = /(Ya tiene[^<]*|Ese horario[^<]*|Desde esta[^<]*|En este momento[^<]*|Su usuario[^<]*|Elija[^<]*|Indique[^<]*|No encontramos[^<]*|Los turnos solo[^<]*)/.exec(body)?.[1];
            failed(`HTTP ${response.status} ${location}${alert ? ` "${alert}"` : ''}`);
          }
        } catch (err) {
          failed(String(err));
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    what: 'booking (Confirmar Turno POST)',
    model: `${USERS} patients, ${BOOKINGS_PER_USER} slots each, page then POST back to back`,
    requests: posts.length,
    perSecond: (posts.length - errors) / seconds,
    latency: timingWithP99(posts),
    errors,
    firstError,
    peakRssMiB: stopRss(),
  };
}

export async function runHttpBench(bench: BenchDatabase): Promise<HttpBenchResult | { skipped: string }> {
  if (bench.engine !== 'postgres' || !bench.handle.url) return { skipped: 'the HTTP benchmark runs on PostgreSQL only' };
  const now = new Date();
  const today = localToday(now, TZ);
  const center = await seedLargeCenter(bench, today);
  process.stdout.write(`  seeded ${center.appointments} turnos in ${center.seedSeconds.toFixed(0)} s; waiting for the e2e lock...\n`);
  const release = await holdLock(E2E_LOCK);
  let server: ChildProcess | undefined;
  try {
    buildIfNeeded();
    server = await startServer(bench.handle.url);
    const pid = server.pid!;
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i += 5) cookies.push(...(await Promise.all(center.dnis.slice(i, i + 5).map(login))));
    const pro = (user: number) => center.professionalIds[user % center.professionalIds.length];
    const agenda: LoadedPage = {
      what: 'weekly agenda of a professional',
      path: (user) => `/tomar-turno/agenda/${pro(user)}?especialidad=${center.specialtyOf.get(pro(user))}`,
      title: 'Agenda del Profesional',
    };
    const professionals: LoadedPage = {
      what: 'Ver Profesionales (5 professionals, a week)',
      path: (user) => `/tomar-turno/profesionales?especialidad=${center.specialtyIds[user % center.specialtyIds.length]}`,
      title: 'Ver Profesionales',
    };
    // Warm-up: the first render of each route compiles and caches modules.
    const warmUp = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (const page of [agenda, professionals]) {
      for (let i = 0; i < 5; i++) {
        if (!(await getPage(warmUp, page.path(i), cookies[i], page.title))) throw new Error(`${page.path(i)}: not the page`);
      }
    }
    warmUp.destroy();
    const figures: LoadFigure[] = [];
    for (const page of [agenda, professionals]) {
      process.stdout.write(`  ${page.what}...\n`);
      figures.push(await load(page, cookies, pid, null));
      figures.push(await load(page, cookies, pid, THINK_MS));
    }
    process.stdout.write('  bookings...\n');
    figures.push(await bookOverHttp(center, cookies, pid, today));
    return { appointments: center.appointments, patients: 5_000, seedSeconds: center.seedSeconds, figures };
  } finally {
    server?.kill('SIGTERM');
    release();
  }
}
