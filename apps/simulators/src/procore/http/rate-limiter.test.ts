import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.ts";

const START = Date.parse("2025-06-11T18:00:00Z");

function clock() {
  let now = START;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

describe("Procore's rate-limit windows", () => {
  it("with only the hourly window, counts down per key and refuses past the limit until the hour ends", () => {
    const time = clock();
    const limiter = new RateLimiter({ perHour: 2, now: time.now });
    expect(limiter.consume("a")).toMatchObject({ allowed: true, state: { limit: 2, remaining: 1 } });
    expect(limiter.consume("a").state.remaining).toBe(0);
    const refused = limiter.consume("a");
    expect(refused).toEqual({
      allowed: false,
      state: { limit: 2, remaining: 0, resetAt: seconds(START + 3_600_000) },
      retryAfterSeconds: 3600,
    });
    expect(limiter.consume("b").allowed).toBe(true);
    time.advance(3_600_000);
    expect(limiter.consume("a")).toMatchObject({ allowed: true, state: { remaining: 1 } });
  });

  it("describes the spike window while its share left is the smaller one, and the hour once that is", () => {
    const time = clock();
    const limiter = new RateLimiter({ perHour: 30, spike: { limit: 25, seconds: 10 }, now: time.now });
    // 1 request: hour 29/30 left, spike 24/25 left, so the spike window is closer to its limit.
    expect(limiter.consume("a").state).toEqual({
      limit: 25,
      remaining: 24,
      resetAt: seconds(START + 10_000),
    });
    for (let i = 0; i < 9; i++) limiter.consume("a");
    time.advance(10_000);
    // 10 used this hour (20/30 left), 1 in a fresh spike window (24/25): the hour is tighter now.
    expect(limiter.consume("a").state).toEqual({
      limit: 30,
      remaining: 19,
      resetAt: seconds(START + 3_600_000),
    });
  });

  it("refuses a burst past the spike limit with Retry-After until the spike window ends", () => {
    const time = clock();
    const limiter = new RateLimiter({ perHour: 3600, spike: { limit: 25, seconds: 10 }, now: time.now });
    for (let i = 0; i < 25; i++) expect(limiter.consume("a").allowed).toBe(true);
    time.advance(4_000);
    const refused = limiter.consume("a");
    expect(refused).toEqual({
      allowed: false,
      state: { limit: 25, remaining: 0, resetAt: seconds(START + 10_000) },
      retryAfterSeconds: 6,
    });
    time.advance(6_000);
    expect(limiter.consume("a")).toMatchObject({ allowed: true, state: { limit: 25, remaining: 24 } });
  });

  it("counts refused requests too, and names the later reset when both windows are spent", () => {
    const time = clock();
    const limiter = new RateLimiter({ perHour: 3, spike: { limit: 2, seconds: 10 }, now: time.now });
    limiter.consume("a");
    limiter.consume("a");
    expect(limiter.consume("a")).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    time.advance(10_000);
    // The refused call above spent the hour's third request, so both windows are now exceeded.
    const refused = limiter.consume("a");
    expect(refused.allowed).toBe(false);
    expect(refused.state).toEqual({ limit: 3, remaining: 0, resetAt: seconds(START + 3_600_000) });
    expect(refused.retryAfterSeconds).toBe(3590);
  });

  it("reports the state of a key without counting a request or starting a window", () => {
    const time = clock();
    const limiter = new RateLimiter({ perHour: 600, spike: { limit: 25, seconds: 10 }, now: time.now });
    // Untouched, both windows have everything left; the tie goes to the longer window.
    expect(limiter.state("a")).toEqual({ limit: 600, remaining: 600, resetAt: seconds(START + 3_600_000) });
    time.advance(5_000);
    limiter.consume("a");
    expect(limiter.state("a")).toEqual({ limit: 25, remaining: 24, resetAt: seconds(START + 15_000) });
  });
});
