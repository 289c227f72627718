/** Small timing helpers: medians and p95s, not means, so one GC pause does not move the figure. */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, medianMs: pick(0.5), p95Ms: pick(0.95), minMs: sorted[0] };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured, one after another. */
export async function measure(runs: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(5, runs)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/**
 * Times `a` and `b` in alternation (a, b, b, a, ...), so both see the same machine: on a busy or
 * throttled machine their ratio holds even when each figure drifts.
 */
export async function measurePair(
  runs: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  warmup = Math.min(5, runs),
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a(-1 - i);
    await b(-1 - i);
  }
  const samples: [number[], number[]] = [[], []];
  const timed = async (which: 0 | 1, i: number) => {
    const t0 = performance.now();
    await (which === 0 ? a : b)(i);
    samples[which].push(performance.now() - t0);
  };
  for (let i = 0; i < runs; i++) {
    const first = (i % 2) as 0 | 1;
    await timed(first, i);
    await timed((1 - first) as 0 | 1, i);
  }
  return [summarize(samples[0]), summarize(samples[1])];
}

export const ms = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(v < 10 ? 2 : 1));

export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}
