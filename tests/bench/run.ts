/**
 * `npm run bench`: figures and ratios, on PGlite and on a real PostgreSQL.
 * BENCH_RUNS (default 50) sets the measured runs per figure; BENCH_ONLY=availability,
 * BENCH_ONLY=web-listing, BENCH_ONLY=send-list, BENCH_ONLY=reminders or BENCH_ONLY=http runs one section
 * (reminders and http: PostgreSQL only; BENCH_DURATION sets the http load's seconds).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPgliteBench, openPostgresBench, type BenchDatabase } from './databases';
import { runAvailabilityBench, type AvailabilityBenchResult } from './availability';
import { runWebListingBench, type WebListingBenchResult } from './web-listing';
import { runSendListBench, type SendListBenchResult } from './send-list';
import type { RemindersBenchResult } from './reminders';
import { runHttpBench, type HttpBenchResult } from './http';
import { ms, printTable } from './stats';

const ENGINES = [
  ['pglite', openPgliteBench],
  ['postgres', openPostgresBench],
] as const;
const only = process.env.BENCH_ONLY;

/** Runs `bench` on each engine, on a fresh database each time. */
async function onEachEngine<R>(section: string, bench: (db: BenchDatabase) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const [name, open] of ENGINES) {
    process.stdout.write(`${section} on ${name}: seeding and measuring...\n`);
    const db = await open();
    if ('skipped' in db) {
      console.log(`${name}: skipped (${db.skipped})`);
      continue;
    }
    try {
      results.push(await bench(db));
    } finally {
      await db.close();
    }
  }
  return results;
}

const availability: AvailabilityBenchResult[] = only && only !== 'availability' ? [] : await onEachEngine('availability', runAvailabilityBench);
const webListing: WebListingBenchResult[] = only && only !== 'web-listing' ? [] : await onEachEngine('web listing', runWebListingBench);
const sendList: SendListBenchResult[] = only && only !== 'send-list' ? [] : await onEachEngine('send list', runSendListBench);
const http: HttpBenchResult[] = [];
if (!only || only === 'http') {
  process.stdout.write('http on postgres: seeding, building, serving and loading...\n');
  const db = await openPostgresBench();
  if ('skipped' in db) console.log(`http: skipped (${db.skipped})`);
  else {
    try {
      const result = await runHttpBench(db);
      if ('skipped' in result) console.log(`http: skipped (${result.skipped})`);
      else http.push(result);
    } finally {
      await db.close();
    }
  }
}

/** PostgreSQL only, in a process of its own (10,000 mails in memory stay out of the other figures). */
async function remindersSection(): Promise<RemindersBenchResult[]> {
  process.stdout.write('reminders on postgres: building, queueing and delivering...\n');
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'turnos-bench-')), 'reminders.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/reminders-main.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the reminders bench failed (exit ${code})`);
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as RemindersBenchResult[];
}
const reminders: RemindersBenchResult[] = only && only !== 'reminders' ? [] : await remindersSection();

console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

if (availability.length) {
  printTable(
    'Weekly availability of a 30-professional specialty, and one booking (ms; ratio = median / bare median)',
    ['engine', 'appointments', 'what', 'median', 'p95', 'bare SQL median', 'bare p95', 'ratio'],
    availability.flatMap((r) => [
      [r.engine, String(r.appointments), 'week availability', ms(r.availability.medianMs), ms(r.availability.p95Ms), ms(r.bareWeekRead.medianMs), ms(r.bareWeekRead.p95Ms), `${(r.availability.medianMs / r.bareWeekRead.medianMs).toFixed(2)}x`],
      [r.engine, String(r.appointments), 'one booking, database work', ms(r.booking.medianMs), ms(r.booking.p95Ms), ms(r.bareInsert.medianMs), ms(r.bareInsert.p95Ms), `${(r.booking.medianMs / r.bareInsert.medianMs).toFixed(2)}x`],
      [r.engine, String(r.appointments), '  then, in the worker: compose its confirmation', ms(r.confirmationCompose.medianMs), ms(r.confirmationCompose.p95Ms), '', '', ''],
    ]),
  );
  for (const r of availability) {
    console.log(`\n${r.engine}, one booking step by step (medians, ms): ${r.bookingSteps.map((s) => `${s.step} ${ms(s.medianMs)}`).join(' · ')}`);
    console.log(`${r.engine} plan of the bare week read: ${r.plan}`);
  }
}

if (webListing.length) {
  printTable(
    'Listado de Turnos dados por Sistema Web (ms; bare = the same answer in hand-written SQL on the bare driver; ratio = median / bare median)',
    ['engine', 'web turnos', 'what', 'median', 'p95', 'bare SQL median', 'bare p95', 'ratio'],
    webListing.flatMap((r) =>
      r.figures.map((f) => [r.engine, String(r.webRows), f.what, ms(f.app.medianMs), ms(f.app.p95Ms), ms(f.bare.medianMs), ms(f.bare.p95Ms), `${(f.app.medianMs / f.bare.medianMs).toFixed(2)}x`]),
    ),
  );
  for (const r of webListing) {
    console.log(`\n${r.engine}: seeded in ${r.seedSeconds.toFixed(0)} s; the same deep page by OFFSET (what keyset avoids): median ${ms(r.offsetDeep.medianMs)} ms, p95 ${ms(r.offsetDeep.p95Ms)} ms`);
    for (const f of r.figures) console.log(`  plan, ${f.what}: ${f.plan}`);
  }
}

if (sendList.length) {
  printTable(
    'ENVIAR MAIL/SMS: a list of 10,000 turnos (ms; bare = reading the same 10,000 rows in hand-written SQL; ratio = median / bare median)',
    ['engine', 'turnos', 'what', 'rows', 'median', 'p95', 'per row', 'ratio to bare read'],
    sendList.flatMap((r) =>
      r.figures.map((f) => [
        r.engine,
        String(r.turnos),
        f.what,
        String(f.rows),
        ms(f.timing.medianMs),
        ms(f.timing.p95Ms),
        `${((f.timing.medianMs / Math.max(1, f.rows)) * 1000).toFixed(1)} µs`,
        `${(f.timing.medianMs / r.bareRead.medianMs).toFixed(1)}x`,
      ]),
    ),
  );
  for (const r of sendList) console.log(`${r.engine}: bare read of the 10,000 rows: median ${ms(r.bareRead.medianMs)} ms, p95 ${ms(r.bareRead.p95Ms)} ms`);
}

if (reminders.length) {
  printTable(
    'Reminder mails from template to delivered (build = render each PLANTILLA with the mail layout; deliver = the worker until all are sent; ratio = delivered/s / ceiling)',
    ['engine', 'transport', 'messages', 'build s', 'enqueue s', 'deliver s', 'delivered/s', 'ceiling/s', 'ratio'],
    reminders.flatMap((r) =>
      r.deliveries.map((d) => [
        r.engine,
        d.transport,
        String(r.messages),
        r.buildSeconds.toFixed(1),
        d.enqueueSeconds.toFixed(1),
        d.deliverSeconds.toFixed(1),
        d.perSecond.toFixed(0),
        d.ceilingPerSecond.toFixed(0),
        `${(d.perSecond / d.ceilingPerSecond).toFixed(2)}x`,
      ]),
    ),
  );
  for (const r of reminders) {
    console.log(`\n${r.engine}: built ${r.messages} reminder mails in ${r.buildSeconds.toFixed(1)} s (${(r.messages / r.buildSeconds).toFixed(0)}/s)`);
    for (const d of r.deliveries) {
      if (d.requests !== undefined) console.log(`  ${d.transport}: ${d.requests} requests, ${d.rateLimited} answered 429; ceiling = Resend's 2 requests/s x 100`);
      else console.log(`  ${d.transport}: ceiling = the same transport sending the same mails with no database`);
    }
  }
}

for (const r of http) {
  printTable(
    `HTTP, production build on PostgreSQL, ${r.appointments.toLocaleString('en')} turnos and ${r.patients.toLocaleString('en')} patients (latency in ms; errors = failed, timed out, or not the page (status 200 and its title); for bookings, anything but the redirect to the new turno)`,
    ['what', 'load', 'requests', 'per s', 'p50', 'p95', 'p99', 'errors', 'server RSS MiB'],
    r.figures.map((f) => [f.what, f.model, String(f.requests), f.perSecond.toFixed(1), ms(f.latency.medianMs), ms(f.latency.p95Ms), ms(f.latency.p99Ms), String(f.errors), String(f.peakRssMiB)]),
  );
  console.log(`\nhttp: large center seeded in ${r.seedSeconds.toFixed(0)} s`);
  for (const f of r.figures) if (f.firstError) console.log(`  first error, ${f.what}: ${f.firstError}`);
}
