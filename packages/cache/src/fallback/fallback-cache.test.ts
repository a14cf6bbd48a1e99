/**
 * The cache openCache gives with REDIS_URL. While Redis answers it is the Redis cache (the
 * contract, on the shared test server); lost while running, it keeps answering with local limits
 * and says so; back, it is shared again. Losing Redis is done for real, on a server each test
 * owns (startRedisServer): stopped, frozen, started again on the same port.
 */
import { randomUUID } from "node:crypto";
import { startRedisServer, type TestRedisServer, testRedisUrl } from "@headgate/testing";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Cache } from "../cache.ts";
import { CacheUnavailableError } from "../cache.ts";
import { openCache } from "../open-cache.ts";
import { describeCacheContract } from "../testing/cache-contract.ts";
import { deleteKeysUnder } from "../testing/delete-test-keys.ts";
import type { CacheLogger } from "./cache-logger.ts";

const runPrefix = `headgate-test:${randomUUID()}:`;
const MINUTE = 60_000;
/** Long enough for ioredis to reconnect to a restarted server (it retries at most every 2 s). */
const RECOVERY = { timeout: 15_000, interval: 50 };

afterAll(() => deleteKeysUnder(testRedisUrl(), runPrefix));

describeCacheContract("openCache with Redis", (namespace = randomUUID()) =>
  openCache({ redisUrl: testRedisUrl(), keyPrefix: `${runPrefix}${namespace}:` }),
);

interface Told {
  readonly level: "warn" | "info";
  readonly details: Record<string, unknown>;
  readonly message: string;
}

function recordingLogger(): CacheLogger & { readonly told: Told[] } {
  const told: Told[] = [];
  return {
    told,
    warn: (details, message) => told.push({ level: "warn", details: { ...details }, message }),
    info: (details, message) => told.push({ level: "info", details: { ...details }, message }),
  };
}

describe("openCache with Redis, when Redis is lost while running", () => {
  const servers: TestRedisServer[] = [];
  const caches: Cache[] = [];
  const ownServer = async (options?: { password: string }) => {
    const server = await startRedisServer(options);
    servers.push(server);
    return server;
  };
  const open = async (url: string, logger?: CacheLogger, commandTimeoutMs?: number) => {
    const cache = await openCache({
      redisUrl: url,
      probeIntervalMs: 50,
      ...(logger === undefined ? {} : { logger }),
      ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }),
    });
    caches.push(cache);
    return cache;
  };
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    for (const server of servers.splice(0)) await server.stop();
  });

  it("keeps answering with local limits, says so once, and is shared again when Redis returns", async () => {
    const server = await ownServer();
    const logger = recordingLogger();
    const one = await open(server.url, logger);
    const two = await open(server.url);
    await one.set("scan", "cached", MINUTE);
    expect(await two.get("scan")).toBe("cached");
    expect(one.health()).toEqual({ state: "up" });

    await server.stop();
    // Values are misses (scans are read live) and writes do nothing; nothing waits for Redis.
    expect(await one.get("scan")).toBeUndefined();
    await one.set("scan", "not kept", MINUTE);
    expect(await one.get("scan")).toBeUndefined();
    expect(await one.delete("scan")).toBe(false);
    // Counters, leases and token buckets are this replica's own.
    expect([await one.increment("budget", 1, MINUTE), await one.increment("budget", 1, MINUTE)]).toEqual([
      1, 2,
    ]);
    expect(await two.increment("budget", 1, MINUTE)).toBe(1);
    const lease = await one.tryLock("refresh", MINUTE);
    expect(lease).toBeTypeOf("string");
    expect(await one.tryLock("refresh", MINUTE)).toBeUndefined();
    expect(await one.unlock("refresh", lease!)).toBe(true);
    const bucket = { ratePerSecond: 0.01, burst: 2 };
    expect(await one.takeToken("client", bucket)).toMatchObject({ allowed: true, remaining: 1 });
    // Arguments are still checked while degraded.
    await expect(one.set("k", 1, 0)).rejects.toThrow(RangeError);
    await expect(one.ping()).rejects.toThrow(CacheUnavailableError);

    expect(one.health()).toEqual({ state: "degraded", since: expect.any(Date), reason: expect.any(String) });
    expect(logger.told.map((t) => t.level)).toEqual(["warn"]);
    expect(logger.told[0]!.details).toMatchObject({ cache: `${server.url}` });

    await server.start();
    await vi.waitFor(
      () => expect([one.health(), two.health()]).toEqual([{ state: "up" }, { state: "up" }]),
      RECOVERY,
    );
    expect(logger.told.map((t) => t.level)).toEqual(["warn", "info"]);
    expect(logger.told[1]!.details).toMatchObject({ degradedForMs: expect.any(Number) });
    // Shared again: what one replica writes the other reads, and counters are Redis's.
    await one.set("scan", "cached again", MINUTE);
    expect(await two.get("scan")).toBe("cached again");
    expect(await one.increment("budget", 1, MINUTE)).toBe(1); // the restarted server kept nothing
    expect(await two.increment("budget", 1, MINUTE)).toBe(2);
  });

  it("degrades without a command, from the lost connection, so health and the logs say so at once", async () => {
    const server = await ownServer();
    const logger = recordingLogger();
    const cache = await open(server.url, logger);
    await server.stop();
    await vi.waitFor(() => expect(cache.health().state).toBe("degraded"), RECOVERY);
    expect(logger.told.map((t) => t.level)).toEqual(["warn"]);
    await server.start();
    await vi.waitFor(() => expect(cache.health()).toEqual({ state: "up" }), RECOVERY);
    expect(logger.told.map((t) => t.level)).toEqual(["warn", "info"]);
  });

  it("degrades when Redis stops answering on an open connection, and recovers when it answers again", async () => {
    const server = await ownServer();
    const logger = recordingLogger();
    const cache = await open(server.url, logger, 100);
    await cache.set("k", "v", MINUTE);
    server.pause();
    // The command times out (commandTimeoutMs) instead of waiting for the frozen server.
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.increment("n", 1, MINUTE)).toBe(1);
    expect(cache.health()).toMatchObject({ state: "degraded" });
    server.resume();
    await vi.waitFor(() => expect(cache.health()).toEqual({ state: "up" }), RECOVERY);
    expect(await cache.get("k")).toBe("v");
    expect(logger.told.map((t) => t.level)).toEqual(["warn", "info"]);
  });

  it("never logs or reports the password of the Redis URL", async () => {
    const server = await ownServer({ password: "s3cret-password" });
    const logger = recordingLogger();
    const cache = await open(server.url, logger);
    await server.stop();
    await cache.get("k");
    expect(JSON.stringify(cache.health())).not.toContain("s3cret-password");
    await server.start();
    await vi.waitFor(() => expect(cache.health()).toEqual({ state: "up" }), RECOVERY);
    expect(logger.told).toHaveLength(2);
    const said = JSON.stringify(logger.told);
    expect(said).not.toContain("s3cret-password");
    expect(said).toContain(`redis://:***@127.0.0.1:${server.port}`);
  });

  it("still refuses to open while Redis is down", async () => {
    const server = await ownServer();
    await server.stop();
    await expect(openCache({ redisUrl: server.url })).rejects.toThrow(CacheUnavailableError);
  });
});
