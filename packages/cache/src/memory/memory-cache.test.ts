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
});
