/**
 * Pushdown never changes an answer: for generated queries, a connector that advertises every
 * capability and one that advertises none give the same rows, order, counts and pages.
 */
import type { Row } from "@headgate/model";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "./engine.ts";
import { everythingPushed, fixtureEngine, nothingPushed, q, readAllPages } from "./testing/fixture.ts";

const predicate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("Status eq 'Closed'", "Status ne 'Bid'", "Status in ('Bid','Closed')"),
  fc.integer({ min: 0, max: 10_000 }).map((n) => `Amount gt ${n}`),
  fc.integer({ min: 0, max: 10_000 }).map((n) => `Amount le ${n}.5`),
  fc.constantFrom("Amount eq null", "Amount ne null"),
  fc.integer({ min: 0, max: 5 }).map((n) => `Units eq ${n}`),
  fc.integer({ min: 0, max: 9_000 }).map((n) => `Cost lt ${n}`),
  fc.integer({ min: 1, max: 9 }).map((m) => `StartDate ge 2024-0${m}-01`),
  fc.integer({ min: 1, max: 12 }).map((m) => `UpdatedAt lt 2024-${String(m).padStart(2, "0")}-15T00:00:00Z`),
  fc.constantFrom("contains(Name,'Pump')", "contains(Name,'O''Neil')", "startswith(Name,'Clinic 1')"),
  fc.constantFrom("Tags/any(t: t eq 'union')", "year(StartDate) eq 2024", "Units add 1 gt 3"),
);

const filter: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    predicate,
    fc
      .tuple(tie("expr"), fc.constantFrom("and", "or"), tie("expr"))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie("expr").map((e) => `not (${e})`),
  ),
})).expr;

const orderby = fc
  .subarray(["Status", "Amount desc", "Cost", "StartDate desc", "Units", "Name"], { maxLength: 3 })
  .map((items) => [...items, "JobNumber"].join(","));

const query = fc.record(
  {
    filter,
    orderby,
    top: fc.integer({ min: 0, max: 40 }),
    skip: fc.integer({ min: 0, max: 35 }),
    count: fc.boolean(),
    select: fc.constantFrom("JobNumber,Amount", "JobNumber,Name,Status", "*"),
    search: fc.constantFrom("pump", "clinic OR pump", "NOT pump"),
  },
  { requiredKeys: ["orderby"] },
);

function toText(parts: Partial<Record<string, string | number | boolean>>): string {
  return Object.entries(parts)
    .map(([k, v]) => `$${k}=${encodeURIComponent(String(v))}`)
    .join("&");
}

let all: Engine;
let none: Engine;
let declared: Engine;
beforeAll(async () => {
  [all, none, declared] = await Promise.all([everythingPushed(), nothingPushed(), fixtureEngine()]);
});

describe("pushdown equivalence", () => {
  it("gives identical rows, order, counts and pages with every capability and with none", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.integer({ min: 1, max: 12 }), async (parts, pageSize) => {
        const options = q(toText(parts));
        const [a, b, c] = await Promise.all([
          readAllPages(all, "Jobs", options, pageSize),
          readAllPages(none, "Jobs", options, pageSize),
          readAllPages(declared, "Jobs", options, pageSize),
        ]);
        expect(a).toEqual(b);
        expect(c).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it("gives identical aggregates whether the connector or the gateway aggregates", async () => {
    const apply = fc.constantFrom(
      "groupby((Status),aggregate($count as N,Amount with sum as Total,Units with max as MaxUnits))",
      "aggregate(Amount with average as Avg,Cost with min as MinCost,Status with countdistinct as Statuses)",
      "filter(Status ne 'Bid')/groupby((Units),aggregate(Cost with sum as Cost))",
      "groupby((Status,Units))",
    );
    await fc.assert(
      fc.asyncProperty(apply, fc.option(filter, { nil: undefined }), async (transformations, pre) => {
        const text = toText({ apply: pre ? `filter(${pre})/${transformations}` : transformations });
        const options = q(text);
        const sort = (rows: readonly Row[]) =>
          [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
        const [a, b] = await Promise.all([
          all.query({ entitySet: "Jobs", options }),
          none.query({ entitySet: "Jobs", options }),
        ]);
        expect(sort(a.rows)).toEqual(sort(b.rows));
      }),
      { numRuns: 100 },
    );
  });
});
