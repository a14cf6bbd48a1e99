import { parseQueryOptions } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHARS_PER_TOKEN } from "../results/fit-rows.ts";
import { shapeWithinBudget } from "./query-entity-set.ts";

const row = fc.dictionary(
  fc.constantFrom("Job", "Name", "Amount", "Note", "Ünïcode"),
  fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
);

describe("a query answer within its budget", () => {
  it("has a text mirror that is exactly the JSON of its structured content, and fits", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.integer({ min: 400, max: 3000 }),
        fc.option(fc.nat(), { nil: undefined }),
        (rows, maxTokens, count) => {
          const page = {
            entitySet: "Jobs",
            rows,
            position: { entitySet: "Jobs", options: parseQueryOptions("$top=40"), drop: 0 },
            ...(count === undefined ? {} : { count }),
          };
          const { structured, text, returned } = shapeWithinBudget(page, maxTokens);
          expect(text).toBe(JSON.stringify(structured));
          expect(text.length).toBeLessThanOrEqual(maxTokens * CHARS_PER_TOKEN);
          expect((structured.rows as unknown[]).length).toBe(returned);
          expect(structured.rows).toEqual(rows.slice(0, returned));
        },
      ),
    );
  });
});
