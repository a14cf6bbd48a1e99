import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EngineError } from "./errors.ts";
import {
  everythingPushed,
  fixtureEngine,
  jobRows,
  nothingPushed,
  q,
  readAllPages,
} from "./testing/fixture.ts";

describe("query results", () => {
  it("filters, orders, selects and counts", async () => {
    const engine = await fixtureEngine();
    const result = await engine.query({
      entitySet: "Jobs",
      options: q(
        "$filter=Status eq 'Closed' and Units ge 2&$select=JobNumber,Units&$orderby=Units desc,JobNumber&$count=true&$top=3",
      ),
    });
    const expected = jobRows()
      .filter((r) => r.Status === "Closed" && (r.Units as number) >= 2)
      .sort(
        (a, b) =>
          (b.Units as number) - (a.Units as number) || String(a.JobNumber).localeCompare(String(b.JobNumber)),
      );
    expect(result.count).toBe(expected.length);
    expect(result.rows).toEqual(
      expected.slice(0, 3).map((r) => ({ JobNumber: r.JobNumber, Units: r.Units })),
    );
  });

  it("returns every property, in model order, without $select", async () => {
    const engine = await fixtureEngine();
    const result = await engine.query({ entitySet: "Jobs", options: q("$top=1") });
    expect(Object.keys(result.rows[0]!)).toEqual([
      "JobNumber",
      "Name",
      "Status",
      "Amount",
      "Cost",
      "StartDate",
      "UpdatedAt",
      "Units",
      "Tags",
    ]);
  });

  it("counts with /$count semantics, ignoring $top and $skip", async () => {
    const engine = await nothingPushed();
    expect(
      await engine.count({ entitySet: "Jobs", options: q("$filter=Status eq 'Bid'&$top=1&$skip=2") }),
    ).toBe(10);
  });

  it("answers $apply groupby with aggregates and then $filter/$orderby over them", async () => {
    const engine = await nothingPushed();
    const result = await engine.query({
      entitySet: "Jobs",
      options: q(
        "$apply=groupby((Status),aggregate($count as N,Units with sum as U))&$filter=N gt 0&$orderby=Status",
      ),
    });
    expect(result.rows).toEqual([
      { Status: "Bid", N: 10, U: 20 },
      { Status: "Closed", N: 10, U: 20 },
      { Status: "In Progress", N: 10, U: 20 },
    ]);
  });

  it("evaluates $compute before $filter", async () => {
    const engine = await nothingPushed();
    const result = await engine.query({
      entitySet: "Jobs",
      options: q("$compute=Units mul 10 as Tens&$filter=Tens ge 40&$select=JobNumber,Tens&$top=2"),
    });
    expect(result.rows).toEqual([
      { JobNumber: "23-104", Tens: 40 },
      { JobNumber: "23-109", Tens: 40 },
    ]);
  });

  it("matches $search in the gateway when the connector cannot", async () => {
    const engine = await nothingPushed();
    const result = await engine.query({
      entitySet: "Jobs",
      options: q("$search=pump&$select=Name&$count=true"),
    });
    expect(result.count).toBe(8);
    expect(result.rows.every((r) => String(r.Name).includes("Pump"))).toBe(true);
  });
});

describe("server-driven paging", () => {
  it("cuts pages at the maximum page size and continues with a signed token until the end", async () => {
    const engine = await fixtureEngine({ maxPageSize: 4 });
    const { pages } = await readAllPages(engine, "Jobs", q("$select=JobNumber&$orderby=JobNumber"), 100);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    expect(pages.flat().map((r) => r.JobNumber)).toEqual(jobRows().map((r) => r.JobNumber));
  });

  it("honours a client's smaller page size and caps a larger one", async () => {
    const engine = await fixtureEngine({ maxPageSize: 10 });
    expect((await engine.query({ entitySet: "Jobs", options: {}, maxPageSize: 3 })).pageSize).toBe(3);
    expect((await engine.query({ entitySet: "Jobs", options: {}, maxPageSize: 500 })).pageSize).toBe(10);
  });

  it("stops at the client's $top across pages, and has no next link on the last page", async () => {
    const engine = await fixtureEngine();
    const { pages } = await readAllPages(engine, "Jobs", q("$skip=5&$top=7&$orderby=JobNumber"), 3);
    expect(pages.map((p) => p.map((r) => r.JobNumber))).toEqual([
      ["23-105", "23-106", "23-107"],
      ["23-108", "23-109", "23-110"],
      ["23-111"],
    ]);
  });

  it("resumes a token on another engine that shares the secret", async () => {
    const secret = randomBytes(32);
    const first = await fixtureEngine({ secret });
    const second = await fixtureEngine({ secret });
    const page1 = await first.query({
      entitySet: "Jobs",
      options: q("$orderby=JobNumber&$select=JobNumber"),
      maxPageSize: 5,
    });
    const page2 = await second.query({ entitySet: "Jobs", options: page1.next!, maxPageSize: 5 });
    expect(page2.rows[0]).toEqual({ JobNumber: "23-105" });
  });

  it("rejects a forged, foreign or reused-on-another-query token with a clear error", async () => {
    const engine = await fixtureEngine();
    const other = await fixtureEngine();
    const page1 = await engine.query({ entitySet: "Jobs", options: q("$orderby=JobNumber"), maxPageSize: 5 });
    const token = page1.next!.skiptoken!;
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    await expect(
      engine.query({ entitySet: "Jobs", options: { ...page1.next, skiptoken: tampered } }),
    ).rejects.toThrow(/invalid \$skiptoken: its signature does not match/);
    await expect(other.query({ entitySet: "Jobs", options: page1.next! })).rejects.toThrow(EngineError);
    await expect(
      engine.query({ entitySet: "Jobs", options: { ...q("$orderby=Name"), skiptoken: token } }),
    ).rejects.toThrow(/belongs to a different query/);
    await expect(engine.query({ entitySet: "Jobs", options: { skiptoken: "garbage" } })).rejects.toThrow(
      /not a token this service issued/,
    );
  });
});

describe("$expand", () => {
  it("attaches children with batched key lookups, not one call per row", async () => {
    const engine = await fixtureEngine({ pageSize: 1000 });
    const result = await engine.query({
      entitySet: "Jobs",
      options: q("$select=JobNumber&$expand=Rfis($select=Id;$orderby=Id;$top=2)&$top=10&$orderby=JobNumber"),
    });
    expect(result.rows).toHaveLength(10);
    const first = result.rows[0] as { JobNumber: string; Rfis: { Id: number }[] };
    expect(first.Rfis.map((r) => r.Id)).toEqual([1, 31]);
    // One call for the ten jobs, one for all their RFIs.
    expect(result.stats.upstreamCalls).toBe(2);
  });

  it("expands a single-valued navigation to an object", async () => {
    const engine = await fixtureEngine();
    const result = await engine.query({
      entitySet: "Rfis",
      options: q("$filter=Id eq 2&$expand=Job($select=JobNumber,Status)&$select=Id"),
    });
    expect(result.rows).toEqual([{ Id: 2, Job: { JobNumber: "23-107", Status: "Closed" } }]);
  });
});

describe("planning and explain", () => {
  it("pushes a conjunct only when all of it is pushable, and keeps the rest in the gateway", async () => {
    const engine = await fixtureEngine();
    const plan = engine.explain({
      entitySet: "Jobs",
      options: q("$filter=Status eq 'Closed' and Cost gt 100 and (Units eq 1 or Cost lt 5)"),
    });
    expect(plan.pushed.filter).toBe("Status eq 'Closed'");
    expect(plan.residual.filter).toBe("Cost gt 100 and (Units eq 1 or Cost lt 5)");
  });

  it("pushes order, paging and count only when the whole filter went down", async () => {
    const engine = await fixtureEngine();
    const whole = engine.explain({
      entitySet: "Jobs",
      options: q("$filter=Status eq 'Closed'&$orderby=Amount&$top=5&$count=true"),
    });
    expect(whole.pushed).toMatchObject({ orderby: "Amount asc", paging: true, count: true });
    const partial = engine.explain({
      entitySet: "Jobs",
      options: q("$filter=Status eq 'Closed' and Cost gt 1&$orderby=Amount&$top=5&$count=true"),
    });
    expect(partial.pushed).toMatchObject({ paging: false, count: false });
    expect(partial.pushed.orderby).toBeUndefined();
    expect(partial.residual.orderby).toBe("Amount asc");
  });

  it("does not push order on a property the upstream cannot sort", async () => {
    const engine = await fixtureEngine();
    const plan = engine.explain({ entitySet: "Jobs", options: q("$orderby=Cost desc&$top=3") });
    expect(plan.pushed).toMatchObject({ paging: false });
    expect(plan.summary).toContain(
      "$top/$skip are applied in the gateway after filtering, so the upstream read is not limited by them.",
    );
  });

  it("reports a full scan when nothing narrows the upstream read", async () => {
    const engine = await nothingPushed();
    const plan = engine.explain({ entitySet: "Jobs", options: q("$filter=Status eq 'Closed'") });
    expect(plan.summary.join(" ")).toContain("every row of the entity set is scanned");
  });

  it("answers identically whether everything or nothing is pushed", async () => {
    const [all, none] = await Promise.all([everythingPushed(), nothingPushed()]);
    const options = q(
      "$filter=contains(Name,'Pump') and Units le 3&$orderby=Amount desc,JobNumber&$skip=1&$top=4&$count=true",
    );
    const [a, b] = await Promise.all([
      all.query({ entitySet: "Jobs", options }),
      none.query({ entitySet: "Jobs", options }),
    ]);
    expect(a.rows).toEqual(b.rows);
    expect(a.count).toBe(b.count);
    expect(a.plan.pushed.paging).toBe(true);
    expect(b.plan.pushed.paging).toBe(false);
  });
});

describe("deadlines and cancellation", () => {
  it("stops a query whose client went away", async () => {
    const engine = await nothingPushed();
    const controller = new AbortController();
    controller.abort();
    await expect(
      engine.query({ entitySet: "Jobs", options: {}, signal: controller.signal }),
    ).rejects.toMatchObject({ code: "QueryCancelled" });
  });
});
