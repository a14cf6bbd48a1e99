/**
 * Client rate limits through a real gateway (the test workspaces `acme` and `other`), on the
 * memory cache with a clock the test moves, and on the machine's Redis shared by two replicas.
 */
import { randomUUID } from "node:crypto";
import { type Cache, MemoryCache, openCache } from "@headgate/cache";
import { testRedisUrl } from "@headgate/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildGateway } from "../server/build-gateway.ts";
import { type HttpAnswer, http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import type { ClientRateLimits } from "./client-rate-limits.ts";

const UNLIMITED: ClientRateLimits = { perKey: "off", perWorkspace: "off" };

/** One call per door, each as its client sends it. */
const DOORS = {
  odata: (url: string, key: string) => http(`${url}/odata/Jobs?$top=1`, { key }),
  api: (url: string, key: string) => http(`${url}/api/entity-sets`, { key }),
  mcp: (url: string, key: string) =>
    http(`${url}/mcp`, {
      key,
      headers: { accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
      json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    }),
};

const odata = DOORS.odata;

function expectRefused(answer: HttpAnswer, message: string, retryAfter: string): void {
  expect(answer.status).toBe(429);
  expect(answer.headers.get("retry-after")).toBe(retryAfter);
  expect(answer.headers.get("ratelimit-remaining")).toBe("0");
  expect(answer.body).toEqual({ error: { code: "TooManyRequests", message } });
}

describe("client rate limits, on the memory cache", () => {
  let gateway: TestGateway;
  let now = 0;
  let limits: ClientRateLimits = UNLIMITED;
  const cache = new MemoryCache({ now: () => now });

  beforeAll(async () => {
    gateway = await startTestGateway({ context: { cache, rateLimits: () => limits } });
  });
  afterAll(() => gateway?.close());
  // An hour later every bucket is full again.
  beforeEach(() => {
    now += 3_600_000;
    limits = UNLIMITED;
  });

  const newKey = async (workspace: "acme" | "other") =>
    (await gateway.store.apiKeys.create(gateway[workspace].id, { name: randomUUID(), scopes: ["query"] }))
      .plaintext;

  it("refuse a key over its limit with 429, Retry-After and the OData error; another workspace's key is unaffected", async () => {
    limits = { perKey: { requestsPerMinute: 60, burst: 2 }, perWorkspace: "off" };
    const key = await newKey("acme");
    const first = await odata(gateway.url, key);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect(first.headers.get("ratelimit-reset")).toBe("1");
    expect((await odata(gateway.url, key)).headers.get("ratelimit-remaining")).toBe("0");
    expectRefused(
      await odata(gateway.url, key),
      "This API key has sent too many requests: the per-key limit is 60 requests a minute, in bursts of up to 2. Retry after 1 second.",
      "1",
    );
    expect((await odata(gateway.url, gateway.other.queryKey)).status).toBe(200);
    now += 1_000;
    expect((await odata(gateway.url, key)).status).toBe(200);
  });

  it("say how long to wait in whole seconds, rounded up", async () => {
    limits = { perKey: { requestsPerMinute: 1, burst: 1 }, perWorkspace: "off" };
    const key = await newKey("acme");
    expect((await odata(gateway.url, key)).status).toBe(200);
    now += 500;
    expectRefused(
      await odata(gateway.url, key),
      "This API key has sent too many requests: the per-key limit is 1 requests a minute, in bursts of up to 1. Retry after 60 seconds.",
      "60",
    );
  });

  it("count every data door against the same key: /odata, /api and /mcp", async () => {
    limits = { perKey: { requestsPerMinute: 60, burst: 3 }, perWorkspace: "off" };
    const key = await newKey("acme");
    for (const call of Object.values(DOORS)) expect((await call(gateway.url, key)).status).toBe(200);
    for (const [door, call] of Object.entries(DOORS)) {
      const refused = await call(gateway.url, key);
      expect({ door, status: refused.status, code: refused.body?.error?.code }).toEqual({
        door,
        status: 429,
        code: "TooManyRequests",
      });
      expect(refused.headers.get("retry-after")).toBe("1");
    }
  });

  it("limit the keys of one workspace together, and no other workspace", async () => {
    limits = { perKey: "off", perWorkspace: { requestsPerMinute: 120, burst: 2 } };
    const [one, two] = [await newKey("acme"), await newKey("acme")];
    expect((await odata(gateway.url, one)).status).toBe(200);
    expect((await odata(gateway.url, two)).status).toBe(200);
    expectRefused(
      await odata(gateway.url, one),
      "The API keys of this workspace have together sent too many requests: the per-workspace limit is 120 requests a minute, in bursts of up to 2. Retry after 1 second.",
      "1",
    );
    expect((await odata(gateway.url, await newKey("other"))).status).toBe(200);
  });

  it("spend nothing of the workspace's share on a key refused by its own limit", async () => {
    limits = {
      perKey: { requestsPerMinute: 1, burst: 2 },
      perWorkspace: { requestsPerMinute: 1, burst: 4 },
    };
    const [runaway, colleague] = [await newKey("acme"), await newKey("acme")];
    for (let i = 0; i < 2; i++) expect((await odata(gateway.url, runaway)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await odata(gateway.url, runaway)).status).toBe(429);
    expect((await odata(gateway.url, colleague)).status).toBe(200);
    // The workspace has one request left, its key two: the answer shows the nearer to refusing.
    const last = await odata(gateway.url, await newKey("acme"));
    expect(last.status).toBe(200);
    expect(last.headers.get("ratelimit-limit")).toBe("4");
    expect(last.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("answer a missing or wrong key with 401 before any limit, and leave health, description and admin alone", async () => {
    limits = { perKey: { requestsPerMinute: 1, burst: 1 }, perWorkspace: { requestsPerMinute: 1, burst: 1 } };
    expect((await http(`${gateway.url}/odata/Jobs`)).status).toBe(401);
    expect((await odata(gateway.url, "hg_not-a-key")).status).toBe(401);
    expect((await odata(gateway.url, gateway.acme.adminKey)).status).toBe(200);
    expect((await odata(gateway.url, gateway.acme.queryKey)).status).toBe(429);
    for (const path of ["/healthz", "/readyz", "/openapi.json"]) {
      const answer = await http(`${gateway.url}${path}`);
      expect({ path, status: answer.status, limit: answer.headers.get("ratelimit-limit") }).toEqual({
        path,
        status: 200,
        limit: null,
      });
    }
    // An admin can always revoke the key that uses up the workspace's share.
    expect((await http(`${gateway.url}/admin/keys`, { key: gateway.acme.adminKey })).status).toBe(200);
  });

  it("read the limits on every request, so a reloaded configuration applies at once", async () => {
    limits = { perKey: { requestsPerMinute: 1, burst: 1 }, perWorkspace: "off" };
    const key = await newKey("acme");
    expect((await odata(gateway.url, key)).status).toBe(200);
    expect((await odata(gateway.url, key)).status).toBe(429);
    limits = UNLIMITED;
    const answer = await odata(gateway.url, key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-limit")).toBeNull();
  });
});

describe("client rate limits, on Redis shared by two replicas", () => {
  const prefix = `headgate-test:rate-limits:${randomUUID()}:`;
  const limits: ClientRateLimits = {
    perKey: { requestsPerMinute: 1, burst: 2 },
    perWorkspace: { requestsPerMinute: 1, burst: 100 },
  };
  let caches: Cache[] = [];
  let gateway: TestGateway;
  let replica: FastifyInstance;
  let replicaUrl: string;

  beforeAll(async () => {
    caches = [
      await openCache({ redisUrl: testRedisUrl(), keyPrefix: prefix }),
      await openCache({ redisUrl: testRedisUrl(), keyPrefix: prefix }),
    ];
    gateway = await startTestGateway({ context: { cache: caches[0]!, rateLimits: () => limits } });
    // A second replica: the same store and configuration, its own app and Redis connection.
    replica = await buildGateway({ ...gateway.context, cache: caches[1]! }, { logger: false });
    replicaUrl = await replica.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await replica?.close();
    await gateway?.close();
    for (const cache of caches) await cache.close();
  });

  const newKey = async (workspace: "acme" | "other") =>
    (await gateway.store.apiKeys.create(gateway[workspace].id, { name: randomUUID(), scopes: ["query"] }))
      .plaintext;

  it("refuse a key over its limit with 429 and Retry-After; another workspace's key is unaffected", async () => {
    const key = await newKey("acme");
    expect((await odata(gateway.url, key)).status).toBe(200);
    expect((await odata(gateway.url, key)).status).toBe(200);
    const refused = await odata(gateway.url, key);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("TooManyRequests");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.body.error.message).toContain(`Retry after ${retryAfter} second`);
    expect((await odata(gateway.url, await newKey("other"))).status).toBe(200);
  });

  it("share one bucket between the replicas", async () => {
    const key = await newKey("acme");
    expect((await odata(gateway.url, key)).status).toBe(200);
    expect((await odata(replicaUrl, key)).status).toBe(200);
    expect((await odata(gateway.url, key)).status).toBe(429);
    expect((await odata(replicaUrl, key)).status).toBe(429);
    expect((await odata(replicaUrl, await newKey("acme"))).status).toBe(200);
  });
});
