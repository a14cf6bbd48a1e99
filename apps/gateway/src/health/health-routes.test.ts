/**
 * Readiness with the shared cache: a replica whose Redis is lost keeps answering with local
 * limits, so it stays ready (200) and says the cache is degraded, since when and why; once
 * Redis is back it is plainly ready again. Redis is a server this test owns, stopped for real.
 */
import { type Cache, openCache } from "@headgate/cache";
import { startRedisServer, type TestRedisServer } from "@headgate/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

/** ioredis reconnects at most every 2 s; a returning server is seen well within this. */
const RECOVERY = { timeout: 15_000, interval: 50 };

describe("/readyz and the shared cache", () => {
  let redis: TestRedisServer;
  let cache: Cache;
  let gateway: TestGateway;
  beforeAll(async () => {
    redis = await startRedisServer();
    cache = await openCache({ redisUrl: redis.url, probeIntervalMs: 50 });
    gateway = await startTestGateway({ context: { cache } });
  });
  afterAll(async () => {
    await gateway?.close();
    await cache?.close();
    await redis?.stop();
  });
  const readyz = () => http(`${gateway.url}/readyz`);

  it("reports the cache up while Redis answers", async () => {
    const answer = await readyz();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "ready",
      store: "ok",
      connections: { ok: 3, failing: 0 },
      cache: { state: "up" },
    });
  });

  it("stays ready but degraded, saying since when and why, while Redis is lost, and ready again once it is back", async () => {
    await redis.stop();
    await vi.waitFor(() => expect(cache.health().state).toBe("degraded"), RECOVERY);
    const degraded = await readyz();
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      status: "degraded",
      store: "ok",
      connections: { ok: 3, failing: 0 },
      cache: { state: "degraded", reason: expect.any(String) },
    });
    expect(new Date(degraded.body.cache.since).toISOString()).toBe(degraded.body.cache.since);

    await redis.start();
    await vi.waitFor(() => expect(cache.health()).toEqual({ state: "up" }), RECOVERY);
    expect((await readyz()).body).toMatchObject({ status: "ready", cache: { state: "up" } });
  });
});
