import { randomBytes } from "node:crypto";
import { createCursorCodec } from "@headgate/engine";
import { parseQueryOptions } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resultCursors } from "../query/result-cursor.ts";
import { CHARS_PER_TOKEN } from "../results/fit-rows.ts";
import { shapeWithinBudget } from "./query-entity-set.ts";

/** The MCP cursors of one workspace, as its engine seals them. */
const cursors = resultCursors({ cursors: (door) => createCursorCodec(randomBytes(32), door, "workspace") });

const AS_OF = new Date("2026-12-07T22:45:30.123Z");

const row = fc.dictionary(
  fc.constantFrom("Job", "Name", "Amount", "Note", "Ünïcode"),
  fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
);

// Integer literals parse to bigint, which JSON.stringify refuses: a cut answer must still carry a cursor.
const query = fc.constantFrom(
  "$top=40",
  "$filter=Amount gt 0",
  "$filter=Amount gt 0&$top=200",
  "$filter=ProjectId in (1,2,3) and Status eq 'open'&$orderby=Id",
  "$apply=groupby((Job),aggregate(Amount with sum as Total))",
);

describe("a query answer within its budget", () => {
  it("has a text mirror that is exactly the JSON of its structured content, and fits", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.integer({ min: 400, max: 3000 }),
        fc.option(fc.nat(), { nil: undefined }),
        query,
        fc.option(query, { nil: undefined }),
        (rows, maxTokens, count, asked, next) => {
          const page = {
            entitySet: "Jobs",
            asOf: AS_OF,
            rows,
            position: { entitySet: "Jobs", options: parseQueryOptions(asked), drop: 0 },
            cursors,
            ...(count === undefined ? {} : { count }),
            ...(next === undefined ? {} : { next: parseQueryOptions(next) }),
          };
          const { structured, text, returned } = shapeWithinBudget(page, maxTokens);
          expect(text).toBe(JSON.stringify(structured));
          expect(text.length).toBeLessThanOrEqual(maxTokens * CHARS_PER_TOKEN);
          expect((structured.rows as unknown[]).length).toBe(returned);
          expect(structured.rows).toEqual(rows.slice(0, returned));
          expect(structured.asOf).toBe("2026-12-07T22:45:30.123Z");
        },
      ),
    );
  });

  it("cut from a filtered query, carries a cursor that resumes that query after the rows returned", () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      Job: `23-${100 + i}`,
      Amount: i + 1,
      Note: "x".repeat(40),
    }));
    const options = parseQueryOptions("$filter=Amount gt 0&$top=200");
    const page = {
      entitySet: "JobCostTransactions",
      asOf: AS_OF,
      rows,
      position: { entitySet: "JobCostTransactions", options, drop: 0 },
      cursors,
    };
    const { structured, returned } = shapeWithinBudget(page, 400);
    expect(returned).toBeGreaterThan(0);
    expect(returned).toBeLessThan(rows.length);
    expect(cursors.decode(structured.cursor as string)).toEqual({
      entitySet: "JobCostTransactions",
      options,
      drop: returned,
    });
  });
});
