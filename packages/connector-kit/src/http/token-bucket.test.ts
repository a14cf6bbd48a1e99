/**
 * Per-connection pacing: the token bucket lets a burst through and then one request per
 * 1/rate seconds (checked on a controlled clock, not by measuring time), and the concurrency cap
 * never lets more than its maximum run. Both give up when the caller's signal aborts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConcurrencyLimit, TokenBucket } from "./token-bucket.ts";

const never = new AbortController().signal;

/** Starts `take()` and reports whether it has resolved after the microtasks settle. */
function tracked(promise: Promise<unknown>): { done: () => boolean; failed: () => unknown } {
  let done = false;
  let failed: unknown;
  promise.then(
    () => {
      done = true;
    },
    (error: unknown) => {
      failed = error;
    },
  );
  return { done: () => done, failed: () => failed };
}

describe("TokenBucket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets a full burst through at once, then one request per 1/rate s", async () => {
    const bucket = new TokenBucket(10);
    const burst = Array.from({ length: 10 }, () => tracked(bucket.take(never)));
    await vi.advanceTimersByTimeAsync(0);
    expect(burst.every((t) => t.done())).toBe(true);

    const next = tracked(bucket.take(never));
    const after = tracked(bucket.take(never));
    await vi.advanceTimersByTimeAsync(99);
    expect(next.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.done()).toBe(true);
    expect(after.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(after.done()).toBe(true);
  });

  it("refills while idle, up to the burst and no further", async () => {
    const bucket = new TokenBucket(5, 3);
    for (let i = 0; i < 3; i++) await bucket.take(never);
    await vi.advanceTimersByTimeAsync(10_000);
    const takes = Array.from({ length: 4 }, () => tracked(bucket.take(never)));
    await vi.advanceTimersByTimeAsync(0);
    expect(takes.map((t) => t.done())).toEqual([true, true, true, false]);
    await vi.advanceTimersByTimeAsync(200);
    expect(takes[3]?.done()).toBe(true);
  });

  it("does not pace at all with an infinite rate", async () => {
    const bucket = new TokenBucket(Number.POSITIVE_INFINITY);
    const takes = Array.from({ length: 1_000 }, () => tracked(bucket.take(never)));
    await vi.advanceTimersByTimeAsync(0);
    expect(takes.every((t) => t.done())).toBe(true);
  });

  it("stops waiting with the signal's reason when the caller gives up", async () => {
    const bucket = new TokenBucket(1);
    await bucket.take(never);
    const controller = new AbortController();
    const waiting = tracked(bucket.take(controller.signal));
    await vi.advanceTimersByTimeAsync(500);
    controller.abort(new Error("client went away"));
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.done()).toBe(false);
    expect(waiting.failed()).toEqual(new Error("client went away"));
  });
});

describe("ConcurrencyLimit", () => {
  function gate(): { promise: Promise<void>; open: () => void } {
    let open = () => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { promise, open };
  }

  it("never runs more than its maximum at once, and runs everything in the end", async () => {
    const limit = new ConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, gate);
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await g.promise;
        active -= 1;
        return i;
      }, never),
    );
    await Promise.resolve();
    expect(active).toBe(2);
    for (const g of gates.slice().reverse()) {
      g.open();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it("frees the slot when a task fails", async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error("boom")), never)).rejects.toThrow("boom");
    expect(await limit.run(async () => "next", never)).toBe("next");
  });

  it("drops a waiting task whose signal aborts, without running it", async () => {
    const limit = new ConcurrencyLimit(1);
    const first = gate();
    const running = limit.run(() => first.promise, never);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");
    first.open();
    await running;
    expect(ran).toBe(false);
    expect(await limit.run(async () => "free again", never)).toBe("free again");
  });

  it("still wakes the next waiter when the one ahead of it gave up", async () => {
    const limit = new ConcurrencyLimit(1);
    const first = gate();
    const running = limit.run(() => first.promise, never);
    const controller = new AbortController();
    const abandoned = limit.run(async () => "abandoned", controller.signal);
    const patient = limit.run(async () => "patient", never);
    controller.abort(new Error("deadline"));
    await expect(abandoned).rejects.toThrow("deadline");
    first.open();
    await running;
    expect(await patient).toBe("patient");
  });
});
