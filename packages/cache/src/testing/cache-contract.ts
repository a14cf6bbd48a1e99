/**
 * What every Cache must do, as one suite each implementation runs (memory-cache.test.ts,
 * redis-cache.test.ts). Test-only: production code never imports this directory.
 *
 * `open` makes a fresh cache; two caches from `open(namespace)` with different namespaces must
 * not see each other's keys. Waits are for expiry only; nothing here times how fast a cache is.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Cache, JsonValue } from "../cache.ts";

export type OpenTestCache = (namespace?: string) => Promise<Cache>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;

export function describeCacheContract(name: string, open: OpenTestCache): void {
  describe(`${name}: the Cache contract`, () => {
    const opened: Cache[] = [];
    const cache = async (namespace?: string) => {
      const made = await open(namespace);
      opened.push(made);
      return made;
    };
    afterEach(async () => {
      for (const made of opened.splice(0)) await made.close();
    });

    it("gives back what was set, as a copy, and nothing for a key never set", async () => {
      const c = await cache();
      const value = { rows: [{ id: 1, name: "RFI 7" }], done: true };
      await c.set("scan", value, MINUTE);
      value.rows[0]!.name = "changed after set";
      expect(await c.get("scan")).toEqual({ rows: [{ id: 1, name: "RFI 7" }], done: true });
      expect(await c.get("never")).toBeUndefined();
    });

    it("round-trips any JSON value as JSON does", async () => {
      const c = await cache();
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          await c.set("json", value as JsonValue, MINUTE);
          // JSON itself turns -0 into 0; the cache promises no more than JSON.
          expect(await c.get("json")).toEqual(JSON.parse(JSON.stringify(value)));
        }),
        { numRuns: 100 },
      );
    });

    it("forgets a value after its TTL", async () => {
      const c = await cache();
      await c.set("short", "soon gone", 50);
      await c.set("long", "still here", MINUTE);
      await sleep(120);
      expect(await c.get("short")).toBeUndefined();
      expect(await c.get("long")).toBe("still here");
    });

    it("deletes, saying whether there was a value", async () => {
      const c = await cache();
      await c.set("k", 1, MINUTE);
      expect(await c.delete("k")).toBe(true);
      expect(await c.delete("k")).toBe(false);
      expect(await c.get("k")).toBeUndefined();
    });

    it("counts from zero and returns each new value", async () => {
      const c = await cache();
      expect(await c.increment("budget", 1, MINUTE)).toBe(1);
      expect(await c.increment("budget", 5, MINUTE)).toBe(6);
      expect(await c.increment("budget", -2, MINUTE)).toBe(4);
      expect(await c.get("budget")).toBe(4);
    });

    it("loses no increment under 200 concurrent callers", async () => {
      const c = await cache();
      const results = await Promise.all(Array.from({ length: 200 }, () => c.increment("window", 1, MINUTE)));
      expect(await c.get("window")).toBe(200);
      expect(new Set(results).size).toBe(200);
    });

    it("keeps a counter's window from its creation: later increments do not extend it", async () => {
      const c = await cache();
      await c.increment("spike", 1, 80);
      await sleep(50);
      await c.increment("spike", 1, 80);
      await sleep(60);
      // 110 ms after creation the 80 ms window is over, although the last increment was 60 ms ago.
      expect(await c.get("spike")).toBeUndefined();
      expect(await c.increment("spike", 1, 80)).toBe(1);
    });

    it("refuses a TTL that is not a positive integer and an increment that is not an integer", async () => {
      const c = await cache();
      await expect(c.set("k", 1, 0)).rejects.toThrow(RangeError);
      await expect(c.increment("k", 1, -5)).rejects.toThrow(RangeError);
      await expect(c.increment("k", 0.5, MINUTE)).rejects.toThrow(RangeError);
    });

    it("grants a lease to one holder at a time", async () => {
      const c = await cache();
      const tokens = await Promise.all(Array.from({ length: 20 }, () => c.tryLock("scan", MINUTE)));
      expect(tokens.filter((t) => t !== undefined)).toHaveLength(1);
    });

    it("releases a lease only for its holder's token", async () => {
      const c = await cache();
      const token = await c.tryLock("scan", MINUTE);
      expect(token).toBeTypeOf("string");
      expect(await c.unlock("scan", "someone-else")).toBe(false);
      expect(await c.tryLock("scan", MINUTE)).toBeUndefined();
      expect(await c.unlock("scan", token!)).toBe(true);
      expect(await c.unlock("scan", token!)).toBe(false);
      expect(await c.tryLock("scan", MINUTE)).toBeTypeOf("string");
    });

    it("ends a lease after its TTL, and the late holder cannot release the next one", async () => {
      const c = await cache();
      const late = await c.tryLock("scan", 50);
      await sleep(120);
      const next = await c.tryLock("scan", MINUTE);
      expect(next).toBeTypeOf("string");
      expect(await c.unlock("scan", late!)).toBe(false);
      expect(await c.tryLock("scan", MINUTE)).toBeUndefined();
    });

    it("keeps leases and values apart under the same key", async () => {
      const c = await cache();
      await c.set("scan", "a value", MINUTE);
      expect(await c.tryLock("scan", MINUTE)).toBeTypeOf("string");
      expect(await c.get("scan")).toBe("a value");
    });

    it("keeps two namespaces apart", async () => {
      const a = await cache("a");
      const b = await cache("b");
      await a.set("k", "in a", MINUTE);
      await a.increment("n", 3, MINUTE);
      expect(await b.get("k")).toBeUndefined();
      expect(await b.increment("n", 1, MINUTE)).toBe(1);
      expect(await b.tryLock("lease", MINUTE)).toBeTypeOf("string");
      expect(await a.tryLock("lease", MINUTE)).toBeTypeOf("string");
    });

    // A slow bucket: one token per 100 s, so the few ms between calls refill nothing that counts.
    const slow = { ratePerSecond: 0.01, burst: 3 };

    it("starts a token bucket full and takes one token at a time until it is empty", async () => {
      const c = await cache();
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await c.takeToken("client", slow));
      expect(takes.map((t) => [t.allowed, t.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(takes.slice(0, 3).map((t) => t.retryAfterMs)).toEqual([0, 0, 0]);
      // Empty at 0.01 token/s: the next token is at most 100 s away, and not already here.
      expect(takes[3]!.retryAfterMs).toBeGreaterThan(0);
      expect(takes[3]!.retryAfterMs).toBeLessThanOrEqual(100_000);
    });

    it("takes a cost of several tokens whole or not at all", async () => {
      const c = await cache();
      const bucket = { ratePerSecond: 0.01, burst: 5 };
      expect(await c.takeToken("upstream", bucket, 3)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await c.takeToken("upstream", bucket, 3)).toMatchObject({ allowed: false, remaining: 2 });
      expect(await c.takeToken("upstream", bucket, 2)).toMatchObject({ allowed: true, remaining: 0 });
      expect(await c.takeToken("upstream", bucket, 0)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it("gives no more tokens than the burst to 50 concurrent callers", async () => {
      const c = await cache();
      const bucket = { ratePerSecond: 0.01, burst: 10 };
      const takes = await Promise.all(Array.from({ length: 50 }, () => c.takeToken("rush", bucket)));
      expect(takes.filter((t) => t.allowed)).toHaveLength(10);
      expect(
        takes
          .filter((t) => t.allowed)
          .map((t) => t.remaining)
          .sort((a, b) => a - b),
      ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("refills a bucket as time passes, never beyond its burst", async () => {
      const c = await cache();
      const fast = { ratePerSecond: 100, burst: 2 };
      await c.takeToken("refill", fast, 2);
      // 100 tokens/s: 120 ms is at least 12 tokens' worth, capped at the burst of 2.
      await sleep(120);
      expect(await c.takeToken("refill", fast, 2)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it("keeps token buckets apart from values, counters and leases under the same key", async () => {
      const c = await cache();
      await c.set("k", "a value", MINUTE);
      await c.increment("n", 2, MINUTE);
      expect(await c.tryLock("k", MINUTE)).toBeTypeOf("string");
      expect(await c.takeToken("k", slow)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await c.takeToken("n", slow)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await c.get("k")).toBe("a value");
      expect(await c.increment("n", 1, MINUTE)).toBe(3);
    });

    it("keeps two namespaces' token buckets apart", async () => {
      const a = await cache("a");
      const b = await cache("b");
      await a.takeToken("client", slow, 3);
      expect(await b.takeToken("client", slow)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await a.takeToken("client", slow)).toMatchObject({ allowed: false });
    });

    it("refuses a bucket without refill or room, and a cost it could never grant", async () => {
      const c = await cache();
      await expect(c.takeToken("k", { ratePerSecond: 0, burst: 1 })).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: Number.NaN, burst: 1 })).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: 1, burst: 0 })).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: 1, burst: 2.5 })).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: 1, burst: 2 }, 3)).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: 1, burst: 2 }, -1)).rejects.toThrow(RangeError);
      await expect(c.takeToken("k", { ratePerSecond: 1, burst: 2 }, 1.5)).rejects.toThrow(RangeError);
    });

    it("says it is up while it answers", async () => {
      expect((await cache()).health()).toEqual({ state: "up" });
    });

    it("answers ping", async () => {
      await expect((await cache()).ping()).resolves.toBeUndefined();
    });
  });
}
