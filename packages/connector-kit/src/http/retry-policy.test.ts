/**
 * How long the wire client waits before trying again: what the upstream asked for (Retry-After in
 * seconds or as a date, or an exhausted X-Rate-Limit window) plus a small jitter, otherwise
 * exponential backoff with jitter, always within the stated bounds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, requestedWaitMs, retryDelayMs } from "./retry-policy.ts";

const NOW = Date.parse("2025-03-01T12:00:00Z");

describe("requestedWaitMs", () => {
  it("reads Retry-After in seconds", () => {
    expect(requestedWaitMs(new Headers({ "Retry-After": "7" }), NOW)).toBe(7_000);
    expect(requestedWaitMs(new Headers({ "Retry-After": "0" }), NOW)).toBe(0);
    expect(requestedWaitMs(new Headers({ "Retry-After": "1.5" }), NOW)).toBe(1_500);
  });

  it("reads Retry-After as an HTTP date, never negative", () => {
    expect(requestedWaitMs(new Headers({ "Retry-After": "Sat, 01 Mar 2025 12:00:30 GMT" }), NOW)).toBe(
      30_000,
    );
    expect(requestedWaitMs(new Headers({ "Retry-After": "Sat, 01 Mar 2025 11:00:00 GMT" }), NOW)).toBe(0);
  });

  it("waits for the rate-limit window to reset once it is spent (Procore's X-Rate-Limit-*)", () => {
    const reset = String(NOW / 1000 + 42);
    const spent = new Headers({
      "X-Rate-Limit-Limit": "3600",
      "X-Rate-Limit-Remaining": "0",
      "X-Rate-Limit-Reset": reset,
    });
    expect(requestedWaitMs(spent, NOW)).toBe(42_000);
    const left = new Headers({ "X-Rate-Limit-Remaining": "12", "X-Rate-Limit-Reset": reset });
    expect(requestedWaitMs(left, NOW)).toBeUndefined();
  });

  it("prefers Retry-After to the rate-limit headers", () => {
    const headers = new Headers({
      "Retry-After": "3",
      "X-Rate-Limit-Remaining": "0",
      "X-Rate-Limit-Reset": String(NOW / 1000 + 600),
    });
    expect(requestedWaitMs(headers, NOW)).toBe(3_000);
  });

  it("asks for nothing when the headers say nothing usable", () => {
    expect(requestedWaitMs(new Headers(), NOW)).toBeUndefined();
    expect(requestedWaitMs(new Headers({ "Retry-After": "soon" }), NOW)).toBeUndefined();
    expect(requestedWaitMs(new Headers({ "Retry-After": " " }), NOW)).toBeUndefined();
    expect(requestedWaitMs(new Headers({ "X-Rate-Limit-Remaining": "0" }), NOW)).toBeUndefined();
  });
});

const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const options = fc.record({
  baseDelayMs: fc.integer({ min: 1, max: 2_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
});

describe("backoffMs", () => {
  it("stays between half and all of min(cap, base x 2^(attempt-1))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), options, random, (attempt, opts, r) => {
        const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
        const wait = backoffMs(attempt, opts, () => r);
        expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
        expect(wait).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it("uses 200 ms doubling up to 30 s by default", () => {
    expect(backoffMs(1, {}, () => 0)).toBe(100);
    expect(backoffMs(1, {}, () => 1)).toBe(200);
    expect(backoffMs(4, {}, () => 1)).toBe(1_600);
    expect(backoffMs(30, {}, () => 1)).toBe(30_000);
  });
});

describe("retryDelayMs", () => {
  it("waits what the upstream asked for plus at most min(250 ms, base / 2) of jitter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 10 }),
        options,
        random,
        (seconds, attempt, opts, r) => {
          const wait = retryDelayMs(attempt, new Headers({ "Retry-After": String(seconds) }), opts, () => r);
          expect(wait).toBeGreaterThanOrEqual(seconds * 1000);
          expect(wait).toBeLessThanOrEqual(seconds * 1000 + Math.min(250, opts.baseDelayMs / 2));
        },
      ),
    );
  });

  it("backs off exponentially when the upstream asked for nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), options, random, (attempt, opts, r) => {
        expect(retryDelayMs(attempt, new Headers(), opts, () => r)).toBe(backoffMs(attempt, opts, () => r));
        expect(retryDelayMs(attempt, undefined, opts, () => r)).toBe(backoffMs(attempt, opts, () => r));
      }),
    );
  });
});

describe("isRetryableStatus", () => {
  it("retries throttling and transient server failures, nothing else", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422, 501].some(isRetryableStatus)).toBe(false);
  });
});
