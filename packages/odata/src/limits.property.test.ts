/**
 * Deep and long structures around the limits: parentheses, chains of `not`, nested calls,
 * lambdas, lists, `$search` groups, `$apply` and `$expand` nesting. Whatever the mix, a query is
 * either parsed (and serializes back) or refused with the limit it passed; nothing overflows the
 * stack, and a structure well inside the limits is always accepted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ODataLimitError } from "./errors.ts";
import { QUERY_LIMITS, type QueryLimit } from "./limits.ts";
import {
  parseApply,
  parseExpand,
  parseFilter,
  parseQueryOptions,
  parseSearch,
} from "./parser/query-options.ts";
import { serializeQueryOptions } from "./serialize/index.ts";

const SCALE = Number(process.env.ODATA_PROPERTY_RUNS_SCALE ?? "1");
const PLAIN = { urlEncoded: false } as const;

/** A construct wrapped around an inner text; each adds one or two levels of nesting. */
interface Wrapper {
  readonly open: string;
  readonly close: string;
}

const FILTER_WRAPPERS: readonly Wrapper[] = [
  { open: "(", close: ")" },
  { open: "not ", close: "" },
  { open: "not (", close: ")" },
  { open: "-(", close: ")" },
  { open: "tolower(", close: ")" },
  { open: "concat(", close: ",'x')" },
  { open: "Tags/any(t:", close: ")" },
  { open: "case(true:", close: ")" },
  { open: "X in (", close: ")" },
  { open: "[", close: "]" },
  { open: "A or (", close: ")" },
];

const SEARCH_WRAPPERS: readonly Wrapper[] = [
  { open: "(", close: ")" },
  { open: "NOT ", close: "" },
  { open: "a OR (", close: ")" },
];

const APPLY_WRAPPERS: readonly Wrapper[] = [
  { open: "groupby((A),", close: ")" },
  { open: "concat(identity,", close: ")" },
  { open: "filter(A eq 1)/groupby((B),", close: ")" },
];

const EXPAND_WRAPPERS: readonly Wrapper[] = [
  { open: "Nav($expand=", close: ")" },
  { open: "Nav($select=A;$expand=", close: ")" },
  { open: "Nav($filter=(A eq 1);$expand=", close: ")" },
];

const wrap = (wrappers: readonly Wrapper[], inner: string): string =>
  wrappers.reduceRight((text, w) => `${w.open}${text}${w.close}`, inner);

const wrappersOf = (choices: readonly Wrapper[], maxLength: number) =>
  fc.array(fc.constantFrom(...choices), { maxLength });

/** Parses, or is refused with one of `allowed`; never anything else. */
function parsedOrLimited(parse: () => unknown, allowed: readonly QueryLimit[]): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (!(error instanceof ODataLimitError)) throw error;
    expect(allowed).toContain(error.limit);
    return false;
  }
}

describe("deep structures parse or are refused with the limit they pass, never crash", () => {
  const runs = { numRuns: 300 * SCALE };

  it("in $filter: parentheses, not, negation, calls, lambdas, case, lists", () => {
    fc.assert(
      fc.property(wrappersOf(FILTER_WRAPPERS, 3 * QUERY_LIMITS.depth), (wrappers) => {
        const text = wrap(wrappers, "A eq 1");
        const parsed = parsedOrLimited(() => parseFilter(text, PLAIN), ["depth"]);
        // Every wrapper adds at most two levels, the comparison one: well inside, always served.
        if (2 * wrappers.length + 1 <= QUERY_LIMITS.depth) expect(parsed).toBe(true);
        if (wrappers.length > QUERY_LIMITS.depth) expect(parsed).toBe(false);
        if (parsed) {
          const options = parseQueryOptions(`$filter=${encodeURIComponent(text)}`);
          expect(parseQueryOptions(serializeQueryOptions(options))).toStrictEqual(options);
        }
      }),
      runs,
    );
  });

  it("in $search: groups, NOT chains, OR", () => {
    fc.assert(
      fc.property(wrappersOf(SEARCH_WRAPPERS, 3 * QUERY_LIMITS.depth), (wrappers) => {
        const parsed = parsedOrLimited(() => parseSearch(wrap(wrappers, "word"), PLAIN), ["depth"]);
        if (wrappers.length <= QUERY_LIMITS.depth) expect(parsed).toBe(true);
        if (wrappers.length > QUERY_LIMITS.depth) expect(parsed).toBe(false);
      }),
      runs,
    );
  });

  it("in $apply: groupby and concat inside each other, with step chains", () => {
    fc.assert(
      fc.property(
        wrappersOf(APPLY_WRAPPERS, QUERY_LIMITS.applySteps),
        fc.integer({ min: 1, max: 2 * QUERY_LIMITS.applySteps }),
        (wrappers, chain) => {
          const steps = Array.from({ length: chain }, () => "identity").join("/");
          parsedOrLimited(() => parseApply(wrap(wrappers, steps), PLAIN), ["depth", "applySteps"]);
        },
      ),
      runs,
    );
  });

  it("in $expand: nested options with $expand inside", () => {
    fc.assert(
      fc.property(wrappersOf(EXPAND_WRAPPERS, 3 * QUERY_LIMITS.expandDepth), (wrappers) => {
        const parsed = parsedOrLimited(() => parseExpand(wrap(wrappers, "Nav"), PLAIN), ["expandDepth"]);
        expect(parsed).toBe(wrappers.length < QUERY_LIMITS.expandDepth);
      }),
      runs,
    );
  });
});
