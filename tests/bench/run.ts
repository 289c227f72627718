/**
 * `npm run bench`: figures and ratios, on PGlite and on a real PostgreSQL.
 * BENCH_RUNS (default 50) sets the measured runs per figure.
 */
import os from 'node:os';
import { openPgliteBench, openPostgresBench, type BenchDatabase } from './databases';
import { runAvailabilityBench, type AvailabilityBenchResult } from './availability';
import { ms, printTable } from './stats';

async function onEngine(open: () => Promise<BenchDatabase | { skipped: string }>): Promise<AvailabilityBenchResult | string> {
  const bench = await open();
  if ('skipped' in bench) return bench.skipped;
  try {
    return await runAvailabilityBench(bench);
  } finally {
    await bench.close();
  }
}

const results: AvailabilityBenchResult[] = [];
for (const [name, open] of [
  ['pglite', openPgliteBench],
  ['postgres', openPostgresBench],
] as const) {
  process.stdout.write(`${name}: seeding and measuring...\n`);
  const r = await onEngine(open);
  if (typeof r === 'string') console.log(`${name}: skipped (${r})`);
  else results.push(r);
}

console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
printTable(
  'Weekly availability of a 30-professional specialty, and one booking (ms; ratio = median / bare median)',
  ['engine', 'appointments', 'what', 'median', 'p95', 'bare SQL median', 'bare p95', 'ratio'],
  results.flatMap((r) => [
    [r.engine, String(r.appointments), 'week availability', ms(r.availability.medianMs), ms(r.availability.p95Ms), ms(r.bareWeekRead.medianMs), ms(r.bareWeekRead.p95Ms), `${(r.availability.medianMs / r.bareWeekRead.medianMs).toFixed(2)}x`],
    [r.engine, String(r.appointments), 'one booking', ms(r.booking.medianMs), ms(r.booking.p95Ms), ms(r.bareInsert.medianMs), ms(r.bareInsert.p95Ms), `${(r.booking.medianMs / r.bareInsert.medianMs).toFixed(2)}x`],
  ]),
);
for (const r of results) console.log(`\n${r.engine} plan of the bare week read: ${r.plan}`);
