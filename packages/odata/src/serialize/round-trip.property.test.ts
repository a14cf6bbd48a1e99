import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseApply,
  parseCompute,
  parseExpand,
  parseExpression,
  parseLiteral,
  parseOrderBy,
  parseQueryOptions,
  parseSearch,
  parseSelect,
} from "../parser/query-options.ts";
import * as arb from "../testing/arbitraries.ts";
import {
  serializeApply,
  serializeCompute,
  serializeExpression,
  serializeLiteral,
  serializeOrderBy,
  serializeQueryOptions,
  serializeSearch,
} from "./index.ts";

/** Set ODATA_PROPERTY_RUNS_SCALE=20 (say) for a longer hunt than the default CI run. */
const SCALE = Number(process.env.ODATA_PROPERTY_RUNS_SCALE ?? "1");
const runs = (n: number): number => n * SCALE;
const LONG = { timeout: 30_000 * SCALE };

const RUNS = { numRuns: runs(300) };

describe("parse(serialize(tree)) gives back the tree", LONG, () => {
  it("for every literal", () => {
    fc.assert(
      fc.property(arb.literal, (literal) => {
        expect(parseLiteral(serializeLiteral(literal))).toStrictEqual(literal);
        expect(
          parseLiteral(serializeLiteral(literal, { urlEncoded: false }), { urlEncoded: false }),
        ).toStrictEqual(literal);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("for every expression, URL-encoded and plain", () => {
    fc.assert(
      fc.property(arb.expr, (expr) => {
        expect(parseExpression(serializeExpression(expr))).toStrictEqual(expr);
        const plain = serializeExpression(expr, { urlEncoded: false });
        expect(parseExpression(plain, { urlEncoded: false })).toStrictEqual(expr);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("for every $search expression", () => {
    fc.assert(
      fc.property(arb.searchExpr, (search) => {
        expect(parseSearch(serializeSearch(search))).toStrictEqual(search);
      }),
      RUNS,
    );
  });

  it("for every $apply, $orderby and $compute", () => {
    fc.assert(
      fc.property(arb.transformations, arb.orderByItems, arb.computeItems, (apply, orderby, compute) => {
        expect(parseApply(serializeApply(apply))).toStrictEqual(apply);
        expect(parseOrderBy(serializeOrderBy(orderby))).toStrictEqual(orderby);
        expect(parseCompute(serializeCompute(compute))).toStrictEqual(compute);
      }),
      RUNS,
    );
  });

  it("for every set of query options", () => {
    fc.assert(
      fc.property(arb.queryOptions, (options) => {
        expect(parseQueryOptions(serializeQueryOptions(options))).toStrictEqual(options);
      }),
      RUNS,
    );
  });

  it("keeps select and expand items", () => {
    fc.assert(
      fc.property(arb.queryOptions, (options) => {
        if (options.select)
          expect(parseSelect(serializeQueryOptions({ select: options.select }).slice(8))).toBeDefined();
        if (options.expand)
          expect(parseExpand(serializeQueryOptions({ expand: options.expand }).slice(8))).toBeDefined();
      }),
      { numRuns: runs(50) },
    );
  });
});

describe("string literals", LONG, () => {
  it("carry any Unicode text through a URL and back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const tree = { kind: "literal" as const, literal: { kind: "string" as const, value } };
        expect(parseExpression(serializeExpression(tree))).toStrictEqual(tree);
        const query = serializeQueryOptions({
          filter: { kind: "binary", op: "eq", left: { kind: "member", path: ["Name"] }, right: tree },
        });
        expect(parseQueryOptions(query).filter).toStrictEqual({
          kind: "binary",
          op: "eq",
          left: { kind: "member", path: ["Name"] },
          right: tree,
        });
      }),
      { numRuns: runs(1000) },
    );
  });

  it("carry any UTF-16 text, lone surrogates included, as plain text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (value) => {
          const tree = { kind: "literal" as const, literal: { kind: "string" as const, value } };
          expect(
            parseExpression(serializeExpression(tree, { urlEncoded: false }), { urlEncoded: false }),
          ).toStrictEqual(tree);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
