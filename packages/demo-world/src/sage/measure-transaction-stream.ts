/**
 * A benchmark of the transaction stream: how many rows, how fast, and how much heap it keeps.
 * Not run by the test suite at scale 100 (too slow for CI); run it by hand with
 * `node --expose-gc --import tsx` for the real figure.
 */
import { generateCompany } from "../company/generate-company.ts";
import { companyTransactions } from "./job-transactions.ts";

export interface StreamMeasurement {
  readonly rows: number;
  readonly seconds: number;
  /** Peak heap surviving a full collection, above the level before streaming; null without --expose-gc. */
  readonly peakRetainedHeapMb: number | null;
}

const MB = 1024 * 1024;

export function measureTransactionStream(scale: number, sampleEvery = 100_000): StreamMeasurement {
  const company = generateCompany({ scale });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let rows = 0;
  const started = performance.now();
  for (const _row of companyTransactions(company)) {
    rows++;
    if (gc && rows % sampleEvery === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, peakRetainedHeapMb: gc ? (peak - baseline) / MB : null };
}
