/**
 * Small measuring tools for the benchmarks: timing, peak heap growth, and a figure table.
 */

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: string;
  readonly pass: boolean;
  readonly note?: string;
}

const MB = 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/**
 * Runs `work` while sampling the heap every few milliseconds; returns its duration and the peak
 * heap above the level before it started. Run node with --expose-gc for a clean baseline.
 */
export async function measureHeapDuring(work: () => Promise<void>): Promise<{ seconds: number; heapGrowthMb: number }> {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { seconds, heapGrowthMb: (peak - baseline) / MB };
}

/** Mean time of `fn` in microseconds over `iterations`, after a warm-up of the same length. */
export function microsecondsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - t0) * 1000) / iterations;
}

export function formatFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const value = f.value >= 1000 ? Math.round(f.value).toLocaleString("en-US") : f.value.toFixed(2);
    return `${f.pass ? "PASS" : "FAIL"}  ${f.name.padEnd(58)} ${`${value} ${f.unit}`.padStart(22)}   target ${f.target}${f.note ? `   (${f.note})` : ""}`;
  });
  return rows.join("\n");
}
