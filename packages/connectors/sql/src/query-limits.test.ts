/**
 * What the query limits allow, the SQL connector serves: a query at each limit (2,000
 * operators, 10,000 list values, 100 levels of nesting, 100 `$apply` steps, 200 list items) runs
 * on Postgres and on SQLite (whose parser refuses expressions deeper than 1,000) and gives the
 * engine's own answer; filters are pushed down whole.
 */
import { MAX_COUNT, parseQueryOptions, QUERY_LIMITS } from "@headgate/odata";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Differential,
  JOB_ROWS,
  openJobsDifferential,
  readAllPages,
  sortRows,
  type TestDialect,
} from "./testing/jobs-fixture.ts";
import { type LedgerDifferential, openLedgerDifferential } from "./testing/ledger-fixture.ts";

const { operators, listValues, listItems, applySteps, depth } = QUERY_LIMITS;
const list = (n: number, item: (i: number) => string, separator: string) =>
  Array.from({ length: n }, (_, i) => item(i)).join(separator);
/** `n` comparisons joined by `n - 1` connectives: `2n - 1` operators. */
const comparisons = Math.floor((operators + 1) / 2);
const nested = (levels: number, open: string, inner: string, close: string) =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
const NUMBERS = ["Units", "Amount", "Rate", "BigUnits"];
const METHODS = ["sum", "average", "min", "max", "countdistinct"];

const JOBS_AT_THE_LIMITS: readonly (readonly [string, string])[] = [
  ["an and-chain", `$filter=${list(comparisons, (i) => `Units ne ${i}`, " and ")}`],
  ["an or-chain", `$filter=${list(comparisons, (i) => `Units eq ${i}`, " or ")}`],
  ["an or-chain of text tests", `$filter=${list(comparisons, (i) => `contains(Name,'x${i}')`, " or ")}`],
  ["a negated and-chain", `$filter=not (${list(comparisons - 1, (i) => `Units ne ${i}`, " and ")})`],
  [
    "and of or-groups",
    `$filter=${list(comparisons / 2, (i) => `(Units ne ${i} or Status eq 'x${i}')`, " and ")}`,
  ],
  ["search words joined by OR", `$search=${list(operators + 1, (i) => `w${i}`, " OR ")}`],
  ["search words side by side", `$search=${list(operators + 1, (i) => `w${i}`, " ")}`],
  ["one in-list of numbers", `$filter=Units in (${list(listValues, String, ",")})`],
  ["one in-list of text", `$filter=Name in (${list(listValues, (i) => `'n${i}'`, ",")})`],
  // "not (" is two levels, the comparison's right side one more.
  ["nested not", `$filter=${nested(Math.floor((depth - 1) / 2), "not (", "Units eq 1", ")")}`],
  ["nested parentheses", `$filter=${nested(depth - 1, "(", "Units eq 1", ")")}`],
  // Each level: "(" 1, the right side of or 1, "(" 1, the right side of and 1.
  [
    "alternating and/or",
    `$filter=${nested(depth / 4 - 1, "(Units eq 1 or (Status eq 'a' and ", "Units ne 2", "))")}`,
  ],
  ["nested search groups", `$search=${nested(depth / 2, "NOT (", "pump", ")")}`],
  ["$apply filter steps", `$apply=${list(applySteps, (i) => `filter(Units gt ${i - 60})`, "/")}`],
  [
    "$apply mixed steps",
    `$apply=${list(applySteps, (i) => ["filter(Units gt 0)", "orderby(Name)", "skip(1)", "top(40)"][i % 4]!, "/")}`,
  ],
  [
    "$orderby items",
    `$orderby=${list(listItems, (i) => ["Name", "Units desc", "Amount", "StartDate desc"][i % 4]!, ",")}`,
  ],
  [
    "aggregate items",
    `$apply=aggregate(${list(listItems, (i) => `${NUMBERS[i % 4]} with ${METHODS[i % 5]} as A${i}`, ",")})`,
  ],
  [
    "groupby properties with aggregates",
    `$apply=groupby((${list(listItems, (i) => ["Status", "Units", "Active", "StartDate"][i % 4]!, ",")}),aggregate(${list(listItems - 1, (i) => `${NUMBERS[i % 4]} with ${METHODS[i % 5]} as A${i}`, ",")}))`,
  ],
];

/** Over columns whose stored text is padded, where equality can bind a value in many forms. */
const LEDGER_AT_THE_LIMITS: readonly (readonly [string, string])[] = [
  ["one in-list of padded text", `$filter=Note in (${list(listValues, (i) => `'n${i}'`, ",")})`],
  ["an or-chain over padded text", `$filter=${list(comparisons, (i) => `Note eq 'k${i}'`, " or ")}`],
];

function encode(query: string): string {
  const at = query.indexOf("=");
  return `${query.slice(0, at)}=${encodeURIComponent(query.slice(at + 1))}`;
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])(
  "%s serves every query the limits allow",
  (dialect) => {
    let jobs: Differential;
    let ledger: LedgerDifferential;
    beforeAll(async () => {
      [jobs, ledger] = await Promise.all([openJobsDifferential(dialect), openLedgerDifferential(dialect)]);
    });
    afterAll(async () => {
      await Promise.all([jobs?.database.close(), ledger?.database.close()]);
    });

    const cases = [
      ...JOBS_AT_THE_LIMITS.map(([name, query]) => ({ name, query, entitySet: "Jobs", at: () => jobs })),
      ...LEDGER_AT_THE_LIMITS.map(([name, query]) => ({
        name,
        query,
        entitySet: "Entries",
        at: () => ledger,
      })),
    ];

    it.each(cases)("$name", async ({ query, entitySet, at }) => {
      const { sql, memory } = at();
      const options = parseQueryOptions(encode(query));
      if (options.apply) {
        const [a, b] = await Promise.all([
          sql.query({ entitySet, options }),
          memory.query({ entitySet, options }),
        ]);
        expect(sortRows(a.rows)).toEqual(sortRows(b.rows));
        return;
      }
      const [a, b] = await Promise.all([
        readAllPages(sql, entitySet, options, 1000),
        readAllPages(memory, entitySet, options, 1000),
      ]);
      expect(a).toEqual(b);
      expect(sql.explain({ entitySet, options }).residual).toEqual({});
    });

    it("the largest counts, $top and $skip together", async () => {
      const options = parseQueryOptions(`$top=${MAX_COUNT}&$skip=${MAX_COUNT}&$count=true`);
      const answer = await jobs.sql.query({ entitySet: "Jobs", options });
      expect(answer.rows).toEqual([]);
      expect(answer.count).toBe(JOB_ROWS.length);
      const near = parseQueryOptions(`$top=${MAX_COUNT}&$skip=${JOB_ROWS.length - 2}`);
      expect((await readAllPages(jobs.sql, "Jobs", near, 1000)).pages.flat()).toHaveLength(2);
    });
  },
);

/** Boolean constructs wrapped around a filter; each adds one or two levels of nesting. */
const WRAPPERS: readonly ((inner: string) => string)[] = [
  (x) => `(${x})`,
  (x) => `not (${x})`,
  (x) => `(${x} and Units ne 3)`,
  (x) => `(Status eq 'Bid' or ${x})`,
  (x) => `(${x} or contains(Name,'o'))`,
];
const LEAVES: readonly string[] = [
  "Units gt 2",
  "Name eq 'Clinic annex'",
  "startswith(Name,'C')",
  "Amount le 5000",
  "contains(tolower(Name),'pump')",
];
const leaf = fc.oneof(
  fc.constantFrom(...LEAVES),
  // Nested calls the engine evaluates itself.
  fc.integer({ min: 1, max: depth + 5 }).map((k) => `${"tolower(".repeat(k)}Name${")".repeat(k)} eq 'x'`),
);
const deepFilter = fc
  .tuple(fc.array(fc.nat(WRAPPERS.length - 1), { maxLength: depth, size: "max" }), leaf)
  .map(([wrappers, inner]) => wrappers.reduceRight((text, w) => WRAPPERS[w]!(text), inner));
const longFilter = fc
  .array(fc.tuple(fc.constantFrom(" and ", " or "), fc.constantFrom(...LEAVES)), {
    minLength: 1,
    maxLength: comparisons + 20,
    size: "max",
  })
  .map((terms) => terms.map(([connective, term], i) => (i === 0 ? term : connective + term)).join(""));

/** The rows, or the refusal: its code and status. Anything but an OData error fails the test. */
async function outcome(engine: Differential["sql"], filter: string): Promise<unknown> {
  try {
    const options = parseQueryOptions(`$filter=${encodeURIComponent(filter)}`);
    return (await readAllPages(engine, "Jobs", options, 1000)).pages.flat();
  } catch (error) {
    const { code, status } = error as { code?: unknown; status?: unknown };
    if (typeof code !== "string" || typeof status !== "number") throw error;
    return { code, status };
  }
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])(
  "%s: deep and long filters around the limits",
  (dialect) => {
    let jobs: Differential;
    beforeAll(async () => {
      jobs = await openJobsDifferential(dialect);
    });
    afterAll(async () => {
      await jobs?.database.close();
    });

    it("are answered alike with and without pushdown, or refused alike with a 400, never a crash", async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(deepFilter, longFilter), async (filter) => {
          const [pushed, evaluated] = [await outcome(jobs.sql, filter), await outcome(jobs.memory, filter)];
          expect(pushed).toEqual(evaluated);
          if (!Array.isArray(pushed))
            expect(pushed).toMatchObject({ code: "QueryLimitExceeded", status: 400 });
        }),
        { numRuns: 40 },
      );
    });
  },
);
