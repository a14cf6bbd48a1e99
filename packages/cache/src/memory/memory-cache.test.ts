import { describe, expect, it } from "vitest";
import { describeCacheContract } from "../testing/cache-contract.ts";
import { MemoryCache } from "./memory-cache.ts";

// Each memory cache is its own namespace: two instances share nothing.
describeCacheContract("MemoryCache", async () => new MemoryCache());

describe("MemoryCache", () => {
  it("keeps at most maxEntries, dropping the least recently used first", async () => {
    const cache = new MemoryCache({ maxEntries: 3 });
    await cache.set("a", 1, 60_000);
    await cache.set("b", 2, 60_000);
    await cache.set("c", 3, 60_000);
    await cache.get("a"); // a is now more recent than b
    await cache.set("d", 4, 60_000);
    expect(cache.size).toBe(3);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe(1);
    expect(await cache.get("d")).toBe(4);
  });

  it("expires by the monotonic clock it is given, not the wall clock", async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set("k", "v", 100);
    now += 99;
    expect(await cache.get("k")).toBe("v");
    now += 1;
    expect(await cache.get("k")).toBeUndefined();
  });

  it("refuses to count over a value that is not a counter", async () => {
    const cache = new MemoryCache();
    await cache.set("k", "text", 60_000);
    await expect(cache.increment("k", 1, 60_000)).rejects.toThrow(TypeError);
  });

  it("refills token buckets by its monotonic clock and says exactly when the next token comes", async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    const bucket = { ratePerSecond: 2, burst: 4 };
    expect(await cache.takeToken("client", bucket, 4)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterMs: 0,
    });
    expect(await cache.takeToken("client", bucket)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 500,
    });
    expect(await cache.takeToken("client", bucket, 3)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 1_500,
    });
    now += 499;
    expect(await cache.takeToken("client", bucket)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 1,
    });
    now += 1;
    expect(await cache.takeToken("client", bucket)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    now += 60_000;
    expect(await cache.takeToken("client", bucket)).toEqual({ allowed: true, remaining: 3, retryAfterMs: 0 });
  });

  it("forgets an idle token bucket once it would be full again, plus a margin", async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.takeToken("client", { ratePerSecond: 10, burst: 5 }, 5);
    expect(cache.size).toBe(1);
    // Empty at 10 tokens/s: full after 500 ms, kept TOKEN_BUCKET_EXPIRY_MARGIN_MS (1 s) longer.
    now += 1_499;
    await cache.get("unrelated");
    expect(cache.size).toBe(1);
    now += 1;
    // Touching the bucket finds it expired: it starts full again, as a fresh one does.
    expect(await cache.takeToken("client", { ratePerSecond: 10, burst: 5 }, 0)).toMatchObject({
      remaining: 5,
    });
  });
});
