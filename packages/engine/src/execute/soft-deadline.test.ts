import { randomBytes } from "node:crypto";
import { ALL_CAPABILITIES, type Connector, type ScanPage, type ScanRequest } from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import type { QueryOptions } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { Catalog } from "../catalog/catalog.ts";
import { Engine } from "../engine.ts";
import { EngineError } from "../errors.ts";
import { createMemoryConnector } from "../memory/memory-connector.ts";
import { JOBS, jobRows, q, RFIS, rfiRows } from "../testing/fixture.ts";

/**
 * A memory upstream whose pages after the first wait `pauseMs` (or until the scan is aborted),
 * like a slow paged API. Tests set `pauseMs` high so the soft deadline certainly falls between
 * pages, then to 0 to read the rest.
 */
function slowConnector(inner: Connector): Connector & { pauseMs: number; abortedScans: number } {
  const slow = {
    kind: inner.kind,
    capabilities: inner.capabilities,
    pauseMs: 0,
    abortedScans: 0,
    describe: () => inner.describe(),
    scan(request: ScanRequest): AsyncIterable<ScanPage> {
      request.signal.addEventListener("abort", () => slow.abortedScans++, { once: true });
      return pausing(inner.scan(request), request.signal, slow.pauseMs);
    },
  };
  return slow;
}

async function* pausing(pages: AsyncIterable<ScanPage>, signal: AbortSignal, pauseMs: number) {
  let first = true;
  for await (const page of pages) {
    if (!first && pauseMs > 0) await pause(pauseMs, signal);
    first = false;
    yield page;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

const jobs = jobRows();
const rfis = rfiRows(jobs);
const UPSTREAM_PAGE = 7;
const STALLED = 60_000;
const SOFT_DEADLINE = 100;

async function slowEngine(options: { slowRfisOnly?: boolean } = {}) {
  const memory = (sets: Parameters<typeof createMemoryConnector>[0]["entitySets"]) =>
    createMemoryConnector({ entitySets: sets, capabilities: ALL_CAPABILITIES, pageSize: UPSTREAM_PAGE });
  const jobsConnector = slowConnector(memory([{ definition: JOBS, rows: jobs }]));
  const rfisConnector = slowConnector(memory([{ definition: RFIS, rows: rfis }]));
  const engine = new Engine({
    catalog: await Catalog.build([
      { name: "jobs", connector: jobsConnector },
      { name: "rfis", connector: rfisConnector },
    ]),
    skipTokenSecret: randomBytes(32),
  });
  const stall = (on: boolean) => {
    if (!options.slowRfisOnly) jobsConnector.pauseMs = on ? STALLED : 0;
    rfisConnector.pauseMs = on ? STALLED : 0;
  };
  return { engine, stall, jobsConnector };
}

/** The rest of an answer, following `next` as a client follows next links (no deadline). */
async function rest(engine: Engine, entitySet: string, next: QueryOptions | undefined): Promise<Row[]> {
  const rows: Row[] = [];
  while (next) {
    const page = await engine.query({ entitySet, options: next });
    rows.push(...page.rows);
    next = page.next;
  }
  return rows;
}

const byJobNumber = (a: Row, b: Row) => String(a.JobNumber).localeCompare(String(b.JobNumber));

describe("soft deadline", () => {
  it("answers with the first rows when the order is the upstream's, and stops the scan", async () => {
    const { engine, stall, jobsConnector } = await slowEngine();
    // Cost is filtered by the gateway (not pushed down); no order: rows come in upstream order.
    const options = q("$filter=Cost ge 1000");
    const expected = jobs.filter((r) => (r.Cost as number) >= 1000);
    stall(true);
    const first = await engine.query({ entitySet: "Jobs", options, softDeadlineMs: SOFT_DEADLINE });
    stall(false);
    expect(first.incomplete?.reason).toBe("deadline");
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows).toEqual(expected.slice(0, first.rows.length));
    expect(first.incomplete?.message).toContain("first rows of the answer");
    expect(jobsConnector.abortedScans).toBeGreaterThan(0);
    expect([...first.rows, ...(await rest(engine, "Jobs", first.next))]).toEqual(expected);
  });

  it("keeps upstream paging: the next page starts right after the rows returned", async () => {
    const { engine, stall } = await slowEngine();
    const options = q("$orderby=JobNumber desc&$count=true");
    const expected = [...jobs].sort(byJobNumber).reverse();
    stall(true);
    const first = await engine.query({ entitySet: "Jobs", options, softDeadlineMs: SOFT_DEADLINE });
    stall(false);
    expect(first.incomplete).toBeDefined();
    expect(first.rows).toEqual(expected.slice(0, UPSTREAM_PAGE));
    expect(first.count).toBe(jobs.length);
    expect([...first.rows, ...(await rest(engine, "Jobs", first.next))]).toEqual(expected);
  });

  it("returns no rows when the gateway must sort, and the next link repeats the page", async () => {
    const { engine, stall } = await slowEngine();
    // Cost is not sortable upstream: no row is certain until all were read.
    const options = q("$orderby=Cost desc,JobNumber&$select=JobNumber,Cost");
    stall(true);
    const first = await engine.query({ entitySet: "Jobs", options, softDeadlineMs: SOFT_DEADLINE });
    stall(false);
    expect(first.rows).toEqual([]);
    expect(first.incomplete?.message).toContain("sorts by Cost desc");
    expect(first.incomplete?.message).toContain("JobNumber");
    const all = await rest(engine, "Jobs", first.next);
    expect(all).toHaveLength(jobs.length);
    expect(all.map((r) => r.Cost)).toEqual(jobs.map((r) => r.Cost as number).sort((a, b) => b - a));
  });

  it("omits a count it could not finish, and says so", async () => {
    const { engine, stall } = await slowEngine();
    const options = q("$filter=Cost ge 0&$count=true&$top=3");
    stall(true);
    const first = await engine.query({ entitySet: "Jobs", options, softDeadlineMs: SOFT_DEADLINE });
    stall(false);
    expect(first.count).toBeUndefined();
    expect(first.rows).toEqual(jobs.slice(0, 3));
    expect(first.incomplete?.message).toContain("count was not computed");
  });

  it("returns no rows when $expand could not finish in time", async () => {
    const { engine, stall } = await slowEngine({ slowRfisOnly: true });
    const options = q("$orderby=JobNumber&$top=20&$expand=Rfis($select=Id)");
    stall(true);
    const first = await engine.query({ entitySet: "Jobs", options, softDeadlineMs: SOFT_DEADLINE });
    stall(false);
    expect(first.rows).toEqual([]);
    expect(first.incomplete).toBeDefined();
    const all = await rest(engine, "Jobs", first.next);
    expect(all.map((r) => r.JobNumber)).toEqual(
      [...jobs]
        .sort(byJobNumber)
        .map((r) => r.JobNumber)
        .slice(0, 20),
    );
  });

  it("changes nothing when the query finishes in time", async () => {
    const { engine } = await slowEngine();
    const result = await engine.query({ entitySet: "Jobs", options: q("$top=3"), softDeadlineMs: 30_000 });
    expect(result.incomplete).toBeUndefined();
    expect(result.rows).toEqual(jobs.slice(0, 3));
  });

  it("leaves the hard time limit failing with QueryTimeout (504)", async () => {
    const { engine, stall } = await slowEngine();
    stall(true);
    const error = await engine.query({ entitySet: "Jobs", options: q(""), timeoutMs: SOFT_DEADLINE }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("QueryTimeout");
    expect((error as EngineError).status).toBe(504);
  });

  it("answers with what it has even when the soft deadline was set past the query's time limit", async () => {
    const { engine, stall } = await slowEngine();
    stall(true);
    const result = await engine.query({
      entitySet: "Jobs",
      options: q("$filter=Cost ge 1000"),
      timeoutMs: 10 * SOFT_DEADLINE,
      softDeadlineMs: 1_000 * SOFT_DEADLINE,
    });
    stall(false);
    expect(result.incomplete?.reason).toBe("deadline");
  });
});
