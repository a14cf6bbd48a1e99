/**
 * Pushdown equivalence as a property: for generated filters, orders, pages and searches, the
 * engine over SQL (Postgres and SQLite) and the engine over the same rows in memory give the
 * same pages and counts, and the generated filter really runs in SQL.
 */
import { parseQueryOptions } from "@headgate/odata";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Differential,
  JOB_ROWS,
  openJobsDifferential,
  readAllPages,
  type TestDialect,
} from "./testing/jobs-fixture.ts";

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
const text = fc.constantFrom(
  "Clinic",
  "clinic",
  "Pump",
  "%",
  "_",
  "\\",
  "'",
  "*",
  "?",
  "[",
  "ß",
  "Σ",
  "😀",
  "",
  "o",
  "DROP",
);
const someInstant = fc.constantFrom(
  ...JOB_ROWS.map((r) => r.UpdatedAt).filter((v): v is string => v !== null),
);

const predicate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("Status eq 'Closed'", "Status ne 'Bid'", "Status eq null", "Status ne null"),
  fc.constantFrom("Status in ('Bid','closed')", "Status in ('In Progress',null)", "Units in (0,3,null)"),
  fc.integer({ min: -2000, max: 10_000 }).map((n) => `Amount gt ${n / 10}`),
  fc.integer({ min: -2000, max: 10_000 }).map((n) => `Amount le ${n}`),
  fc.constantFrom("Amount eq null", "Amount ne null", "Rate ge 1.25", "Rate lt 0.5", "Rate eq -2.75"),
  fc.integer({ min: 0, max: 11 }).map((n) => `Units eq ${n}`),
  fc.integer({ min: 0, max: 11 }).map((n) => `Units ge ${n}`),
  fc.integer({ min: 4_000_000_000, max: 4_050_000_000 }).map((n) => `BigUnits lt ${n}`),
  fc.constantFrom("Active eq true", "Active ne false", "Active eq null"),
  fc.integer({ min: 1, max: 12 }).map((m) => `StartDate ge 2023-${String(m).padStart(2, "0")}-01`),
  fc.integer({ min: 2021, max: 2026 }).map((y) => `year(StartDate) eq ${y}`),
  fc.integer({ min: 1, max: 12 }).map((m) => `month(UpdatedAt) le ${m}`),
  fc.integer({ min: 1, max: 12 }).map((m) => `UpdatedAt lt 2024-${String(m).padStart(2, "0")}-15T00:00:00Z`),
  someInstant.map((t) => `UpdatedAt ge ${t}`),
  someInstant.map((t) => `UpdatedAt eq ${t}`),
  fc
    .tuple(fc.constantFrom("contains", "startswith", "endswith"), text)
    .map(([f, t]) => `${f}(Name,${quoted(t)})`),
  text.map((t) => `contains(tolower(Name),${quoted(t.toLowerCase())})`),
  text.map((t) => `Name gt ${quoted(t)}`),
  fc.constantFrom(
    "Amount gt Rate",
    "StartDate lt UpdatedAt",
    "startswith(Name,Status)",
    "Units eq Units",
    "contains(tolower(Name),tolower(Status))",
    "toupper(Status) in ('CLOSED','BID')",
  ),
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

const query = fc.record(
  {
    filter,
    orderby: fc
      .subarray(["Status", "Amount desc", "Name", "StartDate desc", "Units", "UpdatedAt", "Active desc"], {
        maxLength: 3,
      })
      .filter((items) => items.length > 0)
      .map((items) => items.join(",")),
    top: fc.integer({ min: 0, max: 30 }),
    skip: fc.integer({ min: 0, max: 40 }),
    count: fc.boolean(),
    select: fc.constantFrom("JobNumber,Amount", "Name,Status,UpdatedAt", "*"),
    search: fc.constantFrom("pump", "clinic OR bau", "NOT closed", '"o\'neil"'),
  },
  { requiredKeys: ["filter"] },
);

/** Modest by default so the suite stays fast; raise it to hunt for differences. */
const RUNS = Number(process.env.SQL_CONNECTOR_PROPERTY_RUNS ?? 60);

function toText(parts: Partial<Record<string, string | number | boolean>>): string {
  return Object.entries(parts)
    .map(([k, v]) => `$${k}=${encodeURIComponent(String(v))}`)
    .join("&");
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let d: Differential;
  beforeAll(async () => {
    d = await openJobsDifferential(dialect, { pageSize: 5 });
  });
  afterAll(async () => {
    await d?.database.close();
  });

  it("generated queries give the engine's pages and counts, with the filter pushed", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.integer({ min: 1, max: 12 }), async (parts, pageSize) => {
        const options = parseQueryOptions(toText(parts));
        const [a, b] = await Promise.all([
          readAllPages(d.sql, "Jobs", options, pageSize),
          readAllPages(d.memory, "Jobs", options, pageSize),
        ]);
        expect(a).toEqual(b);
        expect(d.sql.explain({ entitySet: "Jobs", options }).residual).toEqual({});
      }),
      { numRuns: RUNS },
    );
  });

  it("generated pre-filters give the engine's aggregates", async () => {
    const apply = fc.constantFrom(
      "groupby((Status),aggregate($count as N,Amount with sum as Total,Units with max as MaxUnits))",
      "aggregate(Amount with average as Avg,Rate with min as MinRate,Name with countdistinct as Names)",
      "groupby((Active,Units))",
    );
    await fc.assert(
      fc.asyncProperty(apply, filter, async (transformations, pre) => {
        const options = parseQueryOptions(toText({ apply: `filter(${pre})/${transformations}` }));
        const sort = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();
        const [a, b] = await Promise.all([
          d.sql.query({ entitySet: "Jobs", options }),
          d.memory.query({ entitySet: "Jobs", options }),
        ]);
        expect(sort(a.rows)).toEqual(sort(b.rows));
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
