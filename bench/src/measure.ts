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
 * Peak heap that survives a full collection, sampled whenever the work calls `sample()` (a
 * timer would never fire: the engine's pipeline runs on microtasks), above the level before the
 * work started. Garbage is not counted, so the figure is what the work holds on to. Needs node
 * --expose-gc.
 */
export async function measureRetainedHeap(
  work: (sample: () => void) => Promise<void>,
): Promise<{ mb: number; samples: number }> {
  if (!(globalThis as { gc?: () => void }).gc) throw new Error("run the benchmarks with node --expose-gc");
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let samples = 0;
  await work(() => {
    collectGarbage();
    samples++;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return { mb: (peak - baseline) / MB, samples };
}

/** Wall-clock seconds of `work`. */
export async function secondsOf(work: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
}

/** Mean time of `fn` in microseconds over `iterations`, after a warm-up of the same length. */
export function microsecondsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - t0) * 1000) / iterations;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const value = f.value >= 1000 ? Math.round(f.value).toLocaleString("en-US") : f.value.toFixed(2);
    return `${f.pass ? "PASS" : "FAIL"}  ${f.name.padEnd(58)} ${`${value} ${f.unit}`.padStart(22)}   target ${f.target}${f.note ? `   (${f.note})` : ""}`;
  });
  return rows.join("\n");
}
