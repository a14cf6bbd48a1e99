/**
 * The scan cache answers exactly what the upstream would, for less: repeated and narrower
 * questions cost no upstream reads, identical concurrent scans on two replicas cost one, an
 * expired entry is read again, `fresh` reads the upstream, and a question the upstream budget
 * cannot pay for is refused before a single request. Run on memory and on the real Redis.
 */
import { randomUUID } from "node:crypto";
import { type Cache, MemoryCache, openRedisCache } from "@headgate/cache";
import {
  ALL_CAPABILITIES,
  type Connector,
  type ConnectorStats,
  type ScanRequest,
  sleep,
  type UpstreamBudgetState,
} from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import { serializeExpression } from "@headgate/odata";
import { testRedisUrl } from "@headgate/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog } from "../catalog/catalog.ts";
import { Engine } from "../engine.ts";
import { createMemoryConnector } from "../memory/memory-connector.ts";
import { JOBS, jobRows, q, readAllPages } from "../testing/fixture.ts";
import { cacheScans, type ScanCacheOptions } from "./cache-scans.ts";
import type { ScanCachePolicy } from "./scan-cache-policy.ts";

const MINUTE = 60_000;
const POLICY: ScanCachePolicy = { ttlMs: 5 * MINUTE, staleWhileRevalidateMs: 0 };

interface Upstream {
  readonly connector: Connector;
  /** Scans the upstream answered (a cache hit makes none). */
  readonly scans: ScanRequest[];
  budget: UpstreamBudgetState | undefined;
  rows: Row[];
  /** How long each upstream scan takes before its first page. */
  delayMs: number;
  /** Change lists the upstream answered (incremental refreshes). */
  readonly changeReads: number[];
  /** When each job last changed or was deleted (epoch ms), for the change list. */
  readonly changedAt: Map<string, number>;
  readonly deleted: Set<string>;
  /** Makes a change the way an upstream user would: rename a job, or delete it. */
  change(jobNumber: string, at: number, change: { name: string } | "delete"): void;
}

/**
 * A Procore-like upstream over the fixture's jobs: it reads one status at a time, and declares
 * each status's whole list a reusable broad scan (as Procore declares each project's list).
 */
function statusScopedUpstream(): Upstream {
  const upstream: Upstream = {
    scans: [],
    budget: undefined,
    rows: jobRows(60),
    delayMs: 0,
    changeReads: [],
    changedAt: new Map(),
    deleted: new Set(),
    connector: undefined!,
    change(jobNumber, at, change) {
      upstream.changedAt.set(jobNumber, at);
      if (change === "delete") {
        upstream.deleted.add(jobNumber);
        upstream.rows = upstream.rows.filter((r) => r.JobNumber !== jobNumber);
      } else
        upstream.rows = upstream.rows.map((r) =>
          r.JobNumber === jobNumber ? { ...r, Name: change.name } : r,
        );
    },
  };
  const live = () =>
    createMemoryConnector({
      entitySets: [
        { definition: { ...JOBS, entityType: { ...JOBS.entityType, navigation: [] } }, rows: upstream.rows },
      ],
      capabilities: ALL_CAPABILITIES,
      propertyPushdown: "all",
      pageSize: 7,
    });
  const connector: Connector = {
    kind: "test",
    capabilities: ALL_CAPABILITIES,
    describe: () => live().describe(),
    async *scan(request: ScanRequest, stats?: ConnectorStats) {
      upstream.scans.push(request);
      if (upstream.delayMs > 0) await sleep(upstream.delayMs, request.signal);
      yield* live().scan(request, stats);
    },
    async reusableScans(request) {
      const named = request.filter ? /^Status eq '(.*)'$/.exec(serializeExpression(request.filter)) : null;
      return (named ? [named[1]!] : ["Bid", "Closed", "In Progress"]).map((status) => ({
        entitySet: "Jobs",
        filter: q(`$filter=Status eq '${status}'`).filter!,
      }));
    },
    async estimate() {
      return { requests: 1, narrowing: "Name a status to read one list." };
    },
    async changesSince(spec, since, context, stats) {
      upstream.changeReads.push(since);
      if (stats) stats.upstreamCalls += 1;
      const changed = new Set([...upstream.changedAt].filter(([, at]) => at >= since).map(([job]) => job));
      const all = await readAllPages(await engineOver(live()), "Jobs", q(""), 1000);
      const inSpec = await live().scan({ ...spec, ...context });
      const rows: Row[] = [];
      for await (const page of inSpec)
        rows.push(...page.rows.filter((r) => changed.has(String(r.JobNumber))));
      expect(all.pages.flat().length).toBe(upstream.rows.length);
      return { rows, deleted: [...upstream.deleted].filter((j) => changed.has(j)).map((j) => [j]) };
    },
    async affectedScans(change) {
      return [{ entitySet: "Jobs", filter: q(`$filter=Status eq '${change.projectId}'`).filter! }];
    },
    async budget() {
      return upstream.budget;
    },
  };
  return Object.assign(upstream, { connector });
}

async function engineOver(connector: Connector): Promise<Engine> {
  return new Engine({
    catalog: await Catalog.build([{ name: "jobs", connector }]),
    skipTokenSecret: "scan-cache-test-secret-with-enough-length",
  });
}

const statusFilter = fc.constantFrom(
  "Status eq 'Closed'",
  "Status ne 'Bid'",
  "Amount gt 3000",
  "contains(Name,'Pump')",
  "Units le 2 and Status in ('Bid','Closed')",
  "Amount eq null",
);
const question = fc.record({
  filter: fc.option(statusFilter, { nil: undefined }),
  orderby: fc.constantFrom("JobNumber", "Amount desc,JobNumber", "Status,Units desc,JobNumber"),
  top: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
  skip: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  count: fc.boolean(),
});

function text(parts: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(parts)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `$${k}=${encodeURIComponent(String(v))}`)
    .join("&");
}

function describeScanCache(name: string, openCache: () => Promise<Cache>): void {
  describe(`the scan cache on ${name}`, () => {
    let cache: Cache;
    beforeAll(async () => {
      cache = await openCache();
    });
    afterAll(async () => {
      await cache.close();
    });
    const options = (overrides: Partial<ScanCacheOptions> = {}): ScanCacheOptions => ({
      cache,
      connection: `test-${randomUUID()}`,
      policy: POLICY,
      ...overrides,
    });

    it("answers every narrower question from the broad scans it read once, exactly as live", async () => {
      const upstream = statusScopedUpstream();
      const live = await engineOver(upstream.connector);
      const cached = await engineOver(cacheScans(upstream.connector, options()));
      await cached.query({ entitySet: "Jobs", options: q("$top=1") });
      const readsWhenWarm = upstream.scans.length;
      expect(readsWhenWarm).toBe(3);
      await fc.assert(
        fc.asyncProperty(question, fc.integer({ min: 1, max: 9 }), async (parts, pageSize) => {
          const options = q(text(parts));
          const before = upstream.scans.length;
          const expected = await readAllPages(live, "Jobs", options, pageSize);
          const liveReads = upstream.scans.length - before;
          expect(await readAllPages(cached, "Jobs", options, pageSize)).toEqual(expected);
          const cachedReads = upstream.scans.length - before - liveReads;
          expect(cachedReads).toBe(0);
        }),
        { numRuns: 120 },
      );
    });

    it("says how old a cached answer is, and reads the upstream again once the TTL has passed", async () => {
      let now = Date.parse("2026-12-07T09:00:00Z");
      const upstream = statusScopedUpstream();
      const engine = await engineOver(cacheScans(upstream.connector, options({ now: () => now })));
      const first = await engine.query({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'") });
      now += 4 * MINUTE;
      const second = await engine.query({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'") });
      expect(second.rows).toEqual(first.rows);
      expect(second.stats.upstreamCalls).toBe(0);
      expect(second.asOf.toISOString()).toBe("2026-12-07T09:00:00.000Z");
      now += 2 * MINUTE;
      const third = await engine.query({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'") });
      expect(third.stats.upstreamCalls).toBeGreaterThan(0);
      expect(third.asOf.toISOString()).toBe("2026-12-07T09:06:00.000Z");
    });

    it("reads the upstream when the client asks for fresh data, and keeps what it read", async () => {
      const upstream = statusScopedUpstream();
      const engine = await engineOver(cacheScans(upstream.connector, options()));
      await engine.query({ entitySet: "Jobs", options: q("") });
      upstream.change("23-100", Date.now(), { name: "Renamed" });
      const stale = await engine.query({ entitySet: "Jobs", options: q("$filter=JobNumber eq '23-100'") });
      expect(stale.rows[0]?.Name).not.toBe("Renamed");
      const fresh = await engine.query({
        entitySet: "Jobs",
        options: q("$filter=JobNumber eq '23-100'"),
        fresh: true,
      });
      expect(fresh.rows[0]?.Name).toBe("Renamed");
      const after = await engine.query({ entitySet: "Jobs", options: q("$filter=JobNumber eq '23-100'") });
      expect(after.rows[0]?.Name).toBe("Renamed");
      expect(after.stats.upstreamCalls).toBe(0);
    });

    it("reads a scan once when two replicas ask for it at the same time", async () => {
      const upstream = statusScopedUpstream();
      const shared = options();
      const replicas = await Promise.all([
        engineOver(cacheScans(upstream.connector, shared)),
        engineOver(cacheScans(upstream.connector, shared)),
      ]);
      const answers = await Promise.all(
        replicas.map((e) => e.query({ entitySet: "Jobs", options: q("$orderby=JobNumber") })),
      );
      expect(answers[0]!.rows).toEqual(answers[1]!.rows);
      expect(upstream.scans).toHaveLength(3);
    });

    it("refuses at once, without an upstream request, a question the budget cannot pay for", async () => {
      const upstream = statusScopedUpstream();
      const now = Date.now();
      upstream.budget = { remaining: 2, limit: 600, resetAt: now + 90_000 };
      const engine = await engineOver(cacheScans(upstream.connector, options({ now: () => now })));
      const refusal = engine.query({ entitySet: "Jobs", options: q("") });
      await expect(refusal).rejects.toMatchObject({
        status: 429,
        code: "UpstreamBudgetExhausted",
        retryAfterSeconds: 90,
      });
      await expect(refusal).rejects.toThrow(
        /needs about 3 upstream requests.*only 2 requests are left.*Name a status/,
      );
      expect(upstream.scans).toHaveLength(0);
      upstream.budget = { remaining: 1, limit: 600, resetAt: now + 90_000 };
      const narrow = await engine.query({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'") });
      expect(narrow.rows.length).toBeGreaterThan(0);
    });

    it("keeps answering from cached scans while the upstream asks to wait", async () => {
      const upstream = statusScopedUpstream();
      const engine = await engineOver(cacheScans(upstream.connector, options()));
      await engine.query({ entitySet: "Jobs", options: q("") });
      upstream.budget = { remaining: 0, blockedUntil: Date.now() + 30_000 };
      const cached = await engine.query({ entitySet: "Jobs", options: q("$filter=Units eq 3") });
      expect(cached.rows.length).toBeGreaterThan(0);
      await expect(engine.query({ entitySet: "Jobs", options: q(""), fresh: true })).rejects.toMatchObject({
        status: 429,
        code: "UpstreamBudgetExhausted",
      });
    });

    it("answers a stale scan at once and refreshes it in the background, when the policy allows", async () => {
      let now = Date.parse("2026-12-07T09:00:00Z");
      const upstream = statusScopedUpstream();
      const engine = await engineOver(
        cacheScans(
          upstream.connector,
          options({ now: () => now, policy: { ttlMs: MINUTE, staleWhileRevalidateMs: 10 * MINUTE } }),
        ),
      );
      await engine.query({ entitySet: "Jobs", options: q("") });
      now += 2 * MINUTE;
      const stale = await engine.query({ entitySet: "Jobs", options: q("") });
      expect(stale.stats.upstreamCalls).toBe(0);
      expect(stale.asOf.toISOString()).toBe("2026-12-07T09:00:00.000Z");
      await expect.poll(() => upstream.changeReads.length).toBe(3);
      await expect
        .poll(async () => (await engine.query({ entitySet: "Jobs", options: q("") })).asOf.toISOString())
        .toBe("2026-12-07T09:02:00.000Z");
    });

    it("explains what a question costs now: cached lists are free, the budget stands beside it", async () => {
      const upstream = statusScopedUpstream();
      upstream.budget = { remaining: 40, limit: 600, resetAt: Date.parse("2026-12-07T10:00:00Z") };
      const engine = await engineOver(cacheScans(upstream.connector, options()));
      const cold = await engine.explainWithCost({ entitySet: "Jobs", options: q("$filter=Units gt 2") });
      expect(cold.upstream).toEqual({
        estimatedRequests: 3,
        scans: 3,
        cachedScans: 0,
        budgetRemaining: 40,
        budgetResetsAt: "2026-12-07T10:00:00.000Z",
      });
      expect(cold.summary.at(-1)).toMatch(/about 3 upstream requests.*Name a status/);
      await engine.query({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'") });
      const warm = await engine.explainWithCost({ entitySet: "Jobs", options: q("$filter=Units gt 2") });
      expect(warm.upstream).toMatchObject({ estimatedRequests: 2, scans: 3, cachedScans: 1 });
      expect(upstream.scans).toHaveLength(1);
    });

    it("goes on reading in the background when a question's time runs out, and answers from the cache after", async () => {
      const upstream = statusScopedUpstream();
      upstream.delayMs = 150;
      const engine = await engineOver(cacheScans(upstream.connector, options({ loadConcurrency: 1 })));
      const cut = await engine.query({
        entitySet: "Jobs",
        options: q("$orderby=JobNumber"),
        softDeadlineMs: 60,
      });
      expect(cut.incomplete?.message).toMatch(/The rest is being fetched.*remaining 3 upstream lists/);
      expect(cut.next).toBeDefined();
      await expect.poll(() => upstream.scans.length, { timeout: 5_000 }).toBe(3);
      await expect
        .poll(async () => {
          const again = await engine.query({ entitySet: "Jobs", options: q("$orderby=JobNumber") });
          return again.incomplete === undefined && again.stats.upstreamCalls === 0 ? again.rows.length : -1;
        })
        .toBe(60);
      expect(upstream.scans).toHaveLength(3);
    });

    it("refreshes an expired list by its changes, deletions included, and reads it whole after the reconciliation interval", async () => {
      let now = Date.parse("2026-12-07T09:00:00Z");
      const upstream = statusScopedUpstream();
      const live = await engineOver(upstream.connector);
      const engine = await engineOver(
        cacheScans(upstream.connector, options({ now: () => now, reconcileAfterMs: 30 * MINUTE })),
      );
      await engine.query({ entitySet: "Jobs", options: q("") });
      now += 10 * MINUTE;
      upstream.change("23-101", now, { name: "Renamed clinic" });
      upstream.change("23-102", now, "delete");
      const scansBefore = upstream.scans.length;
      const refreshed = await readAllPages(engine, "Jobs", q("$orderby=JobNumber&$count=true"), 25);
      expect(upstream.changeReads).toEqual([
        Date.parse("2026-12-07T08:59:00Z"),
        Date.parse("2026-12-07T08:59:00Z"),
        Date.parse("2026-12-07T08:59:00Z"),
      ]);
      const liveScans = upstream.scans.length;
      expect(refreshed).toEqual(await readAllPages(live, "Jobs", q("$orderby=JobNumber&$count=true"), 25));
      expect(liveScans).toBe(scansBefore);
      now += 25 * MINUTE;
      await engine.query({ entitySet: "Jobs", options: q("") });
      expect(upstream.changeReads).toHaveLength(3);
      expect(upstream.scans.length).toBe(liveScans + 3 + 3);
    });

    it("forgets exactly the lists a webhook says changed, and a duplicate delivery forgets nothing", async () => {
      const upstream = statusScopedUpstream();
      const engine = cacheScans(upstream.connector, options());
      const asked = await engineOver(engine);
      await asked.query({ entitySet: "Jobs", options: q("") });
      expect(
        await engine.forgetChange({ resource: "Jobs", event: "update", id: 7, projectId: "Closed" }),
      ).toBe(1);
      expect(
        await engine.forgetChange({ resource: "Jobs", event: "update", id: 7, projectId: "Closed" }),
      ).toBe(0);
      const again = await asked.query({ entitySet: "Jobs", options: q("") });
      expect(again.stats.upstreamCalls).toBeGreaterThan(0);
      expect(upstream.scans.slice(3).map((s) => serializeExpression(s.filter!))).toEqual([
        "Status eq 'Closed'",
      ]);
    });

    it("does not cache an entity set whose TTL is 0, and still checks its budget", async () => {
      const upstream = statusScopedUpstream();
      const policy: ScanCachePolicy = { ...POLICY, entitySets: { Jobs: { ttlMs: 0 } } };
      const engine = await engineOver(cacheScans(upstream.connector, options({ policy })));
      await engine.query({ entitySet: "Jobs", options: q("$top=3") });
      await engine.query({ entitySet: "Jobs", options: q("$top=3") });
      expect(upstream.scans).toHaveLength(2);
      upstream.budget = { remaining: 0, resetAt: Date.now() + 5_000 };
      await expect(engine.query({ entitySet: "Jobs", options: q("$top=3") })).rejects.toMatchObject({
        status: 429,
      });
      expect(upstream.scans).toHaveLength(2);
    });
  });
}

describeScanCache("memory", async () => new MemoryCache());
describeScanCache("Redis", () => openRedisCache({ url: testRedisUrl(), keyPrefix: `test:${randomUUID()}:` }));
