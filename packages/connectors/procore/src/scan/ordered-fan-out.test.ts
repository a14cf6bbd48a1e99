/**
 * The project fan-out: pages come out in source order however the reads interleave, no more
 * than `concurrency` sources run at once, a slow source does not hold the free slots idle, and
 * stopping early aborts what still runs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderedFanOut } from "./ordered-fan-out.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("orderedFanOut", () => {
  it("yields every page in source order and never runs more than `concurrency` sources", async () => {
    const delays = fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(delays, fc.integer({ min: 1, max: 5 }), async (sources, concurrency) => {
        let running = 0;
        let peak = 0;
        const fanOut = sources.map(
          (pages, s) =>
            async function* () {
              running += 1;
              peak = Math.max(peak, running);
              try {
                for (const [p, ms] of pages.entries()) {
                  await pause(ms);
                  yield `${s}.${p}`;
                }
              } finally {
                running -= 1;
              }
            },
        );
        const expected = sources.flatMap((pages, s) => pages.map((_, p) => `${s}.${p}`));
        expect(await collect(orderedFanOut(fanOut, concurrency, new AbortController().signal))).toEqual(
          expected,
        );
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 40 },
    );
  });

  it("starts later sources while an earlier one is slow, up to four per slot ahead", async () => {
    const slow = gate();
    const started: number[] = [];
    const sources = Array.from(
      { length: 20 },
      (_, s) =>
        async function* () {
          started.push(s);
          if (s === 0) await slow.promise;
          yield s;
        },
    );
    const pages = collect(orderedFanOut(sources, 2, new AbortController().signal));
    await pause(20);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    slow.open();
    expect(await pages).toEqual(sources.map((_, s) => s));
  });

  it("surfaces a source's failure in its place, after the pages before it", async () => {
    const sources = [0, 1, 2].map(
      (s) =>
        async function* () {
          if (s === 1) throw new Error("project 1 failed");
          yield s;
        },
    );
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of orderedFanOut(sources, 3, new AbortController().signal)) seen.push(page);
      })(),
    ).rejects.toThrow("project 1 failed");
    expect(seen).toEqual([0]);
  });

  it("aborts the sources still running when the reader stops early", async () => {
    const signals: AbortSignal[] = [];
    const sources = Array.from(
      { length: 4 },
      (_, s) =>
        async function* (signal: AbortSignal) {
          signals.push(signal);
          yield s;
          await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        },
    );
    for await (const page of orderedFanOut(sources, 4, new AbortController().signal)) {
      expect(page).toBe(0);
      break;
    }
    expect(signals).toHaveLength(4);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });
});
