import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ODataLimitError, ODataNotImplementedError, ODataSyntaxError } from "../errors.ts";
import { serializeQueryOptions } from "../serialize/index.ts";
import * as arb from "../testing/arbitraries.ts";
import {
  parseApply,
  parseExpand,
  parseExpression,
  parseFilter,
  parseLiteral,
  parseOrderBy,
  parseQueryOptions,
  parseSearch,
  parseSelect,
} from "./query-options.ts";

/** Set ODATA_PROPERTY_RUNS_SCALE=20 (say) for a longer hunt than the default CI run. */
const SCALE = Number(process.env.ODATA_PROPERTY_RUNS_SCALE ?? "1");
const runs = (n: number): number => n * SCALE;
const LONG = { timeout: 30_000 * SCALE };

/** Runs `parse`; anything thrown must be one of the three OData errors, with a sane position. */
function onlyODataErrors(text: string, parse: (text: string) => unknown): void {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ODataNotImplementedError) return;
    if (!(error instanceof ODataSyntaxError || error instanceof ODataLimitError)) throw error;
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    expect(error.message).toContain(`at ${error.position}`);
  }
}

const PARSERS: readonly ((text: string) => unknown)[] = [
  parseQueryOptions,
  parseFilter,
  (t) => parseExpression(t, { urlEncoded: false }),
  parseOrderBy,
  parseSelect,
  parseExpand,
  parseSearch,
  parseApply,
  parseLiteral,
];

/** Characters that matter to the grammar, so random text reaches deep into it. */
const odataChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(..."()[]{}',;:=&$@/*-+.\"%\\ \t0123456789aAeEfFTZPDHMS_") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "eq ",
      " and ",
      " or ",
      "not ",
      " in ",
      " add ",
      "any(",
      "all(",
      "$count",
      "$filter=",
      "$expand=",
      "%27",
      "%20",
      "%2B",
      "%3A",
      "%C3%A9",
      "%E2",
      "%ZZ",
      "geography'SRID=4326;",
      "Point(",
      "duration'",
      "binary'",
      "case(",
      "isof(",
      "cast(",
      "@p",
      "$it",
      "2024-01-31",
      "T10:00:00",
      "01234567-89ab-cdef-0123-456789abcdef",
      "NOT ",
      " AND ",
      '"',
      "groupby((",
      "aggregate(",
      " with sum as ",
      "/$ref",
      "($levels=max)",
      "'O''Neil'",
      "1.5e",
      "INF",
      "-",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 2 }) },
);
const odataText = fc.array(odataChar, { maxLength: 40 }).map((parts) => parts.join(""));

describe(
  "on any input the parser throws nothing but ODataSyntaxError, ODataLimitError or ODataNotImplementedError",
  LONG,
  () => {
    it("for random OData-flavoured text, in every entry point", () => {
      fc.assert(
        fc.property(odataText, (text) => {
          for (const parse of PARSERS) onlyODataErrors(text, parse);
        }),
        { numRuns: runs(3000) },
      );
    });

    it("for arbitrary Unicode strings", () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary" }), (text) => {
          for (const parse of PARSERS) onlyODataErrors(text, parse);
        }),
        { numRuns: runs(1000) },
      );
    });

    it("for valid queries with characters deleted, inserted or replaced", () => {
      const mutation = fc.record({
        at: fc.nat(),
        remove: fc.integer({ min: 0, max: 3 }),
        insert: fc.array(odataChar, { maxLength: 2 }).map((parts) => parts.join("")),
      });
      fc.assert(
        fc.property(
          arb.queryOptions,
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          (options, mutations) => {
            let text = serializeQueryOptions(options);
            for (const m of mutations) {
              const at = text.length === 0 ? 0 : m.at % text.length;
              text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
            }
            onlyODataErrors(text, parseQueryOptions);
            onlyODataErrors(decodeURIComponentSafe(text), (t) => parseExpression(t, { urlEncoded: false }));
          },
        ),
        { numRuns: runs(1000) },
      );
    });

    it("for deeply nested and very long input", () => {
      for (const text of [
        "(".repeat(5000),
        `${"(".repeat(200)}1${")".repeat(200)}`,
        `${"not ".repeat(5000)}true`,
        `${"-".repeat(5000)}1`,
        `${"A add ".repeat(5000)}1`,
        `${"[".repeat(5000)}`,
        `X in ${"(".repeat(3000)}`,
        `${"concat(".repeat(3000)}`,
        `Tags/${"any(t:t/".repeat(2000)}`,
        `${"NOT ".repeat(5000)}a`,
      ]) {
        for (const parse of PARSERS) onlyODataErrors(text, parse);
      }
    });
  },
);

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
