/**
 * One credential's budget spent by two replicas' HttpClients through one shared cache (in
 * memory, and on the machine's real Redis), against a real local server: what one replica
 * learns from headers, 429s and 503s, the other obeys, and a spent budget is refused at once
 * with a 429 that says when to retry, without a request.
 */
import { RedisCache } from "@headgate/cache";
import { testRedisUrl } from "@headgate/testing";
import { afterEach, describe, expect, it } from "vitest";
import { contextFor, type Handler, type LocalServer, startLocalServer } from "../testing/local-server.ts";
import { UpstreamError } from "../upstream-error.ts";
import { CACHE_BACKENDS, type Replica, replicaOf, type SharedCaches } from "./testing/budget-replicas.ts";

const PROJECTS = "a filter on project_id reads fewer projects and costs fewer requests";

let server: LocalServer | undefined;
let caches: SharedCaches | undefined;
afterEach(async () => {
  await server?.close();
  await caches?.close();
  server = undefined;
  caches = undefined;
});

async function failureOf(work: Promise<unknown>): Promise<UpstreamError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** Procore's hourly headers: `remaining` left, the window ending `inSeconds` from now. */
function hourly(remaining: number, inSeconds = 1800, limit = 600): Record<string, string> {
  return {
    "X-Rate-Limit-Limit": String(limit),
    "X-Rate-Limit-Remaining": String(remaining),
    "X-Rate-Limit-Reset": String(Math.ceil(Date.now() / 1000) + inSeconds),
  };
}

describe.each(CACHE_BACKENDS)("a credential's budget shared through $name", (backend) => {
  async function twoReplicas(handler: Handler, budget = {}): Promise<[Replica, Replica]> {
    server = await startLocalServer(handler);
    caches = await backend.open();
    const [one, two] = caches.replicas;
    return [replicaOf(server, one, budget), replicaOf(server, two, budget)];
  }
  const get = (replica: Replica, ms?: number) => {
    const ctx = contextFor(ms);
    return replica.client.getJson(replica.client.url("/rest/v1.0/projects"), ctx).then(() => ctx);
  };

  it("refuses at once with a 429, without a request, once another replica saw the hour spent", async () => {
    const [one, two] = await twoReplicas(() => ({ headers: hourly(0, 1800), body: [] }), {
      narrowing: PROJECTS,
    });
    await get(one);
    const ctx = contextFor();
    const error = await failureOf(two.client.getJson(two.client.url("/rest/v1.0/rfis"), ctx));
    expect(server?.requests).toHaveLength(1);
    expect(ctx.stats.upstreamCalls).toBe(0);
    expect([error.kind, error.status, error.code]).toEqual(["budget", 429, "UpstreamRateLimited"]);
    expect(error.retryAfterSeconds).toBeGreaterThan(1700);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(1801);
    expect(error.message).toMatch(
      /^Procore's request budget for this connection is spent \(600 requests per window\); it resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 30 min\)\./,
    );
    expect(error.message).toMatch(/did not send the request.*narrow the question: a filter on project_id/);
    expect(error.target).toBe("/rest/v1.0/rfis");
  });

  it("estimates what is left as the last observation less the requests every replica sent since", async () => {
    const answers = [hourly(10), {}, {}, {}, hourly(9), hourly(2)];
    let next = 0;
    const [one, two] = await twoReplicas(() => ({ headers: answers[next++] ?? {}, body: [] }));
    await get(one);
    for (let i = 0; i < 3; i++) await get(two);
    expect(await one.client.budget()).toMatchObject({ limit: 600, remaining: 7 });
    // 9 left seen after 4 more were sent is more than the 10 − 4 already known: the lower stays.
    await get(two);
    expect(await two.client.budget()).toMatchObject({ limit: 600, remaining: 6 });
    await get(one);
    const snapshot = await two.client.budget();
    expect(snapshot).toMatchObject({ limit: 600, remaining: 2 });
    expect(snapshot?.resetAt).toBeGreaterThan(Date.now() + 1_700_000);
    expect(snapshot?.blockedUntil).toBeUndefined();
  });

  it("lets the hour's last requests go, then refuses the next one before it is sent", async () => {
    const answers = [hourly(2), {}, {}];
    let next = 0;
    const [one, two] = await twoReplicas(() => ({ headers: answers[next++] ?? {}, body: [] }));
    await get(one);
    await get(two);
    await get(one);
    const error = await failureOf(get(two));
    expect(error.kind).toBe("budget");
    expect(server?.requests).toHaveLength(3);
    expect(await one.client.budget()).toMatchObject({ remaining: 0 });
  });

  it("blocks every replica until the Retry-After of a 429, failing fast past the deadline", async () => {
    const [one, two] = await twoReplicas(() => ({
      status: 429,
      headers: { ...hourly(0, 120, 3600), "Retry-After": "120" },
      body: "Rate limit exceeded",
    }));
    const first = await failureOf(get(one, 5_000));
    expect([first.kind, first.status]).toEqual(["budget", 429]);
    expect(first.message).toMatch(
      /Procore is rate limiting this connection \(HTTP 429\) until .* \(in 2 min\)/,
    );
    const second = await failureOf(get(two));
    expect([second.kind, second.status]).toEqual(["budget", 429]);
    expect(second.retryAfterSeconds).toBeGreaterThan(100);
    expect(server?.requests).toHaveLength(1);
    expect((await two.client.budget())?.blockedUntil).toBeGreaterThan(Date.now() + 100_000);
  });

  it("blocks every replica after a 503 with Retry-After, as a 503 that says when to retry", async () => {
    const [one, two] = await twoReplicas(() => ({
      status: 503,
      headers: { "Retry-After": "90" },
      body: "<html>busy</html>",
    }));
    const first = await failureOf(get(one, 5_000));
    expect([first.kind, first.status, first.code]).toEqual(["unavailable", 503, "UpstreamUnavailable"]);
    const second = await failureOf(get(two));
    expect([second.kind, second.status]).toEqual(["unavailable", 503]);
    expect(second.retryAfterSeconds).toBeGreaterThan(80);
    expect(second.message).toMatch(/Procore is overloaded \(HTTP 503\) and asked callers to wait until/);
    expect(server?.requests).toHaveLength(1);
  });

  it("waits out a block that ends before the deadline, then sends", async () => {
    let next = 0;
    const [one, two] = await twoReplicas(() =>
      next++ === 0 ? { status: 429, headers: { "Retry-After": "1" }, body: "slow down" } : { body: [] },
    );
    const [a, b] = await Promise.all([get(one), get(two)]);
    expect(a.stats.upstreamCalls + b.stats.upstreamCalls).toBe(server?.requests.length);
    expect(server?.requests.length).toBeLessThanOrEqual(3);
  });

  it("cools off for a minute after a bare 429, as ArcGIS Online asks", async () => {
    const [one, two] = await twoReplicas(() => ({ status: 429, body: "Too many requests" }));
    const first = await failureOf(get(one, 3_000));
    expect(first.kind).toBe("budget");
    const second = await failureOf(get(two));
    expect(second.retryAfterSeconds).toBeGreaterThan(50);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(61);
    expect(server?.requests).toHaveLength(1);
  });

  it("reads Microsoft Graph's RateLimit-* as the credential's window", async () => {
    const [one, two] = await twoReplicas(() => ({
      headers: { "RateLimit-Limit": "1200", "RateLimit-Remaining": "0", "RateLimit-Reset": "45" },
      body: { value: [] },
    }));
    await get(one);
    expect(await two.client.budget()).toMatchObject({ limit: 1200, remaining: 0 });
    expect((await failureOf(get(two))).retryAfterSeconds).toBeGreaterThan(40);
    expect(server?.requests).toHaveLength(1);
  });

  it("learns the spike window's limit from headers that describe it, and waits when it is spent", async () => {
    const spikeHeaders = (remaining: number) => ({
      "X-Rate-Limit-Limit": "10",
      "X-Rate-Limit-Remaining": String(remaining),
      "X-Rate-Limit-Reset": String(Math.ceil(Date.now() / 1000) + 8),
    });
    const answers = [spikeHeaders(9), spikeHeaders(0)];
    let next = 0;
    const [one, two] = await twoReplicas(() => ({ headers: answers[next++] ?? {}, body: [] }), {
      spike: { limit: 25, windowMs: 10_000 },
    });
    expect(await one.client.budget()).toEqual({ spike: { limit: 25, windowMs: 10_000 } });
    await get(one);
    expect(await two.client.budget()).toEqual({ spike: { limit: 10, windowMs: 10_000 } });
    await get(two);
    const snapshot = await one.client.budget();
    // A spent spike window blocks until its reset, and says nothing about the hour.
    expect(snapshot?.blockedUntil).toBeGreaterThan(Date.now());
    expect(snapshot?.remaining).toBeUndefined();
    const error = await failureOf(get(one, 1_500));
    expect(error.kind).toBe("budget");
    expect(server?.requests).toHaveLength(2);
  });
});

describe("a budget whose shared cache cannot be reached", () => {
  it("keeps pacing and learning in this process's memory", async () => {
    const unreachable = new RedisCache({ url: testRedisUrl({ port: 1 }), connectTimeoutMs: 200 });
    server = await startLocalServer(() => ({ headers: hourly(0), body: [] }));
    try {
      const replica = replicaOf(server, unreachable, { spike: { limit: 25, windowMs: 10_000 } });
      await replica.client.getJson(replica.client.url("/rest/v1.0/projects"), contextFor());
      expect(await replica.client.budget()).toMatchObject({ limit: 600, remaining: 0 });
      expect((await failureOf(replica.client.getJson(replica.client.url("/x"), contextFor()))).kind).toBe(
        "budget",
      );
      expect(server.requests).toHaveLength(1);
    } finally {
      await unreachable.close();
    }
  });
});
