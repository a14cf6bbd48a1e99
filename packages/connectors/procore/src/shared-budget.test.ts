/**
 * Procore connections with the gateway's cache spend one budget per credential: fanning out
 * over many projects against a simulator that enforces Procore's spike window, they are paced
 * inside it and never answered 429, also when two replicas read at once through one Redis.
 * The simulator's spike window is 2 s rather than Procore's 10 s, so the tests read the same
 * number of requests per window five times faster.
 */
import { randomUUID } from "node:crypto";
import { type Cache, MemoryCache, openRedisCache } from "@headgate/cache";
import { memoryTokenStore } from "@headgate/connector-kit";
import { readAllPages } from "@headgate/engine/testing";
import { parseQueryOptions } from "@headgate/odata";
import { testRedisUrl } from "@headgate/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProcoreConnectorOptions } from "./procore-options.ts";
import { engineOver, type ProcoreFixture, startProcoreFixture } from "./testing/procore-fixture.ts";

const SPIKE = { limit: 25, seconds: 2 };

let fixture: ProcoreFixture;
let rfiCount: number;

beforeAll(async () => {
  // Twenty projects: reading RFIs costs the project list (then cached a minute) and one request per project.
  fixture = await startProcoreFixture(0.5, { spikeLimit: SPIKE.limit, spikeWindowSeconds: SPIKE.seconds });
  rfiCount = fixture.data.tools.reduce((sum, tool) => sum + tool.rfis.length, 0);
  expect(fixture.data.tools.length).toBeGreaterThanOrEqual(20);
});
afterAll(() => fixture.close());
beforeEach(() => fixture.definition.resetUsage());

function budgeted(cache: Cache, overrides: Partial<ProcoreConnectorOptions> = {}) {
  return fixture.connector({
    cache,
    rateLimit: { spikeLimit: SPIKE.limit, spikeWindowMs: SPIKE.seconds * 1000 },
    ...overrides,
  });
}

async function readRfis(connector: ReturnType<typeof budgeted>): Promise<number> {
  const engine = await engineOver(connector);
  const { pages } = await readAllPages(engine, "RFIs", parseQueryOptions("$select=id"), 1000);
  return pages.flat().length;
}

describe("a Procore connection with the gateway's cache", () => {
  it("fans out over more requests than the spike window allows without a single 429", async () => {
    const connector = budgeted(new MemoryCache());
    expect(await readRfis(connector)).toBe(rfiCount);
    expect(await readRfis(connector)).toBe(rfiCount);
    const usage = fixture.definition.usage();
    expect(usage.requests).toBeGreaterThan(SPIKE.limit);
    expect(usage.rateLimited).toBe(0);
    expect(await connector.budget?.()).toMatchObject({ spike: { limit: 25, windowMs: 2_000 } });
  });

  it("shares the budget between two replicas on one Redis: together they never get a 429", async () => {
    const options = { url: testRedisUrl(), keyPrefix: `headgate-test:procore-budget:${randomUUID()}:` };
    const [one, two] = [await openRedisCache(options), await openRedisCache(options)];
    try {
      // One token for both, as Procore meters per token: the replicas must share its windows.
      const tokens = memoryTokenStore();
      const first = budgeted(one, { tokens });
      await readAllPages(await engineOver(first), "Projects", parseQueryOptions(""), 1000);
      const second = budgeted(two, { tokens });
      const [a, b] = await Promise.all([readRfis(first), readRfis(second)]);
      expect([a, b]).toEqual([rfiCount, rfiCount]);
      const usage = fixture.definition.usage();
      expect(Object.keys(usage.byToken)).toHaveLength(1);
      expect(usage.requests).toBeGreaterThan(SPIKE.limit);
      expect(usage.rateLimited).toBe(0);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("refuses at once, without a request, once Procore said the hour is spent", async () => {
    const cache = new MemoryCache();
    const tokens = memoryTokenStore();
    const spent = await startProcoreFixture(0.1, { rateLimitPerHour: 3 });
    try {
      const connector = spent.connector({ cache, tokens });
      const engine = await engineOver(connector);
      await engine.query({ entitySet: "Projects", options: parseQueryOptions("$top=1") });
      await engine.query({ entitySet: "Vendors", options: parseQueryOptions("$top=1") });
      await engine.query({ entitySet: "Projects", options: parseQueryOptions("$top=1") });
      spent.definition.resetUsage();
      const refusal = await engine.query({ entitySet: "Vendors", options: parseQueryOptions("$top=1") }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toMatchObject({ status: 429, code: "UpstreamRateLimited" });
      expect((refusal as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
      expect(spent.definition.usage().requests).toBe(0);
      expect(await connector.budget?.()).toMatchObject({ limit: 3, remaining: 0 });
    } finally {
      await spent.close();
    }
  });
});
