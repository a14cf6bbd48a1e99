/**
 * The Redis cache against the machine's real server (HEADGATE_TEST_REDIS_URL, default
 * redis://127.0.0.1:6379). Every run works under a key prefix of its own and deletes it after.
 */
import { randomUUID } from "node:crypto";
import { testRedisUrl } from "@headgate/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { CacheUnavailableError } from "../cache.ts";
import { openCache } from "../open-cache.ts";
import { describeCacheContract } from "../testing/cache-contract.ts";
import { deleteKeysUnder } from "../testing/delete-test-keys.ts";
import { maskPassword, openRedisCache } from "./redis-cache.ts";

const runPrefix = `headgate-test:${randomUUID()}:`;

afterAll(() => deleteKeysUnder(testRedisUrl(), runPrefix));

describeCacheContract("RedisCache", (namespace = randomUUID()) =>
  openRedisCache({ url: testRedisUrl(), keyPrefix: `${runPrefix}${namespace}:` }),
);

describe("RedisCache", () => {
  it("is what openCache gives when a Redis URL is set, and memory otherwise", async () => {
    const redis = await openCache({ redisUrl: testRedisUrl(), keyPrefix: `${runPrefix}open:` });
    const memory = await openCache({});
    try {
      expect([redis.kind, memory.kind]).toEqual(["redis", "memory"]);
    } finally {
      await redis.close();
      await memory.close();
    }
  });

  it("shares values between two instances with the same prefix, as replicas do", async () => {
    const options = { url: testRedisUrl(), keyPrefix: `${runPrefix}shared:` };
    const one = await openRedisCache(options);
    const two = await openRedisCache(options);
    try {
      await one.set("k", { from: "one" }, 60_000);
      expect(await two.get("k")).toEqual({ from: "one" });
      expect(await two.tryLock("scan", 60_000)).toBeTypeOf("string");
      expect(await one.tryLock("scan", 60_000)).toBeUndefined();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("refuses to open on a closed port with CacheUnavailableError naming the URL, password masked", async () => {
    const url = new URL(testRedisUrl({ port: 1 }));
    url.password = "s3cret-password";
    const opening = openCache({ redisUrl: url.href, keyPrefix: `${runPrefix}closed:` });
    await expect(opening).rejects.toThrow(CacheUnavailableError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toContain(`${url.hostname}:1`);
    expect(message).toContain("***");
    expect(message).not.toContain("s3cret-password");
  });

  it("stores a token bucket that expires once it would be full again, on the server's clock", async () => {
    const keyPrefix = `${runPrefix}bucket-expiry:`;
    const cache = await openRedisCache({ url: testRedisUrl(), keyPrefix });
    const admin = new Redis(testRedisUrl());
    try {
      await cache.takeToken("client", { ratePerSecond: 10, burst: 5 }, 5);
      // Empty at 10 tokens/s: full after 500 ms, then a margin of 1 s.
      const ttl = await admin.pttl(`${keyPrefix}bucket:client`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_500);
    } finally {
      admin.disconnect();
      await cache.close();
    }
  });

  it("masks only the password of a URL", () => {
    expect(maskPassword("redis://user:pw@cache.internal:6380/2")).toBe(
      "redis://user:***@cache.internal:6380/2",
    );
    expect(maskPassword("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
});
