/**
 * `$search` pushdown: which term goes to Procore, when nothing may go, that the term never drops
 * a row the search matches, and that the connector's row check answers exactly as the engine.
 */
import { compileSearch as engineSearch } from "@headgate/engine";
import type { Row } from "@headgate/model";
import type { SearchExpr } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { observations } from "../entity-sets/observations.ts";
import { rfis } from "../entity-sets/rfis.ts";
import { vendors } from "../entity-sets/vendors.ts";
import { compileSearch } from "./evaluate-search.ts";
import { searchedProperties, searchParams } from "./translate-search.ts";

const term = (text: string, phrase = false): SearchExpr => ({ kind: "term", text, phrase });
const and = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "and", left, right });
const or = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "or", left, right });
const not = (operand: SearchExpr): SearchExpr => ({ kind: "not", operand });

describe("searchParams", () => {
  it("sends a single term or phrase as Procore's search", () => {
    expect(searchParams(rfis, term("slab"))).toEqual([["search", "slab"]]);
    expect(searchParams(rfis, term("control joints", true))).toEqual([["search", "control joints"]]);
    expect(searchParams(observations, term("ladder"))).toEqual([["filters[search]", "ladder"]]);
  });

  it("sends the longest term of a conjunction, however deep", () => {
    expect(searchParams(rfis, and(term("slab"), and(not(term("door")), term("clarify"))))).toEqual([
      ["search", "clarify"],
    ]);
  });

  it("sends nothing for or, not, or a conjunction of those", () => {
    expect(searchParams(rfis, or(term("slab"), term("door")))).toEqual([]);
    expect(searchParams(rfis, not(term("slab")))).toEqual([]);
    expect(searchParams(rfis, and(not(term("slab")), or(term("a"), term("b"))))).toEqual([]);
  });

  it("sends nothing where Procore does not search every property $search looks in", () => {
    expect(searchedProperties(vendors.definition.entityType)).toContain("trade_name");
    expect(searchParams(vendors, term("Concrete"))).toEqual([]);
  });
});

// Small alphabets so that terms and texts meet often.
const text = fc.stringMatching(/^[abAB -]{0,8}$/);
const row = fc.record({ number: fc.option(text), full_number: fc.option(text), subject: fc.option(text) });
const search: fc.Arbitrary<SearchExpr> = fc.letrec<{ search: SearchExpr }>((tie) => ({
  search: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    { weight: 3, arbitrary: fc.stringMatching(/^[abAB -]{1,3}$/).map((t) => term(t, t.includes(" "))) },
    { weight: 1, arbitrary: tie("search").map(not) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(and, or), tie("search"), tie("search"))
        .map(([combine, left, right]) => combine(left, right)),
    },
  ),
})).search;

describe("the row check", () => {
  const entityType = rfis.definition.entityType;
  const properties = searchedProperties(entityType);

  it("answers exactly as the engine's $search", () => {
    fc.assert(
      fc.property(search, fc.array(row, { maxLength: 8 }), (s, rows) => {
        const ours = compileSearch(s, entityType);
        const engines = engineSearch(s, properties);
        for (const r of rows) expect(ours(r as Row)).toBe(engines(r as Row));
      }),
    );
  });

  it("never loses a matching row to the narrowing Procore applies", () => {
    fc.assert(
      fc.property(search, row, (s, r) => {
        const [pushed] = searchParams(rfis, s);
        if (!pushed || !compileSearch(s, entityType)(r as Row)) return;
        // The simulator's (and Procore's) search: a case-insensitive substring of any searched field.
        const fields = [r.subject, r.number, r.full_number];
        expect(fields.some((f) => f?.toLowerCase().includes(pushed[1].toLowerCase()))).toBe(true);
      }),
    );
  });
});
