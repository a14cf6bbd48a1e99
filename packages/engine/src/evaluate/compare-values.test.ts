import type { EdmPrimitiveType } from "@headgate/model";
import { compareStrings } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareValues, compileOrderBy, compileSortKeys } from "./compare-values.ts";
import { formatDuration, formatInstantAtOffset } from "./temporal.ts";
import { add, asc, desc, prop } from "./test-ast.ts";
import type { Row } from "./types.ts";

const sorted = (values: unknown[], type?: EdmPrimitiveType) =>
  [...values].sort((a, b) => compareValues(a, b, type));

describe("nulls sort first ascending (OData Part 1 §11.2.6.2)", () => {
  it("puts null and missing values before everything", () => {
    expect(sorted([3, null, 1, 2], "Edm.Int32")).toEqual([null, 1, 2, 3]);
    // (Array#sort moves undefined elements last without asking; rows read missing values as null.)
    expect(compareValues(undefined, 1)).toBe(-1);
    expect(compareValues(null, undefined)).toBe(0);
    expect(sorted(["b", null, "a"])).toEqual([null, "a", "b"]);
  });
  it("and last descending", () => {
    const rows = [{ X: 2 }, { X: null }, { X: 5 }];
    expect(rows.sort(compileOrderBy([desc(prop("X"))])).map((r) => r.X)).toEqual([5, 2, null]);
  });
});

describe("typed order", () => {
  it("numbers numerically, NaN after every number", () => {
    expect(sorted([10, 9, Number.NaN, -1, Number.NEGATIVE_INFINITY], "Edm.Double")).toEqual([
      Number.NEGATIVE_INFINITY,
      -1,
      9,
      10,
      Number.NaN,
    ]);
  });
  it("strings by code point, case-sensitively", () => {
    expect(sorted(["b", "B", "a", "\u{1F600}", "\uFF5E"], "Edm.String")).toEqual([
      "B",
      "a",
      "b",
      "\uFF5E",
      "\u{1F600}",
    ]);
  });
  it("false before true", () => {
    expect(sorted([true, false], "Edm.Boolean")).toEqual([false, true]);
  });
  it("DateTimeOffsets as instants, whatever their offsets", () => {
    const values = ["2024-01-01T10:00:00+02:00", "2024-01-01T09:00:00Z", "2024-01-01T08:30:00.000Z"];
    expect(sorted(values, "Edm.DateTimeOffset")).toEqual([
      "2024-01-01T10:00:00+02:00",
      "2024-01-01T08:30:00.000Z",
      "2024-01-01T09:00:00Z",
    ]);
  });
  it("Durations by length", () => {
    expect(sorted(["P1D", "PT23H", "-PT1S", "PT0S"], "Edm.Duration")).toEqual([
      "-PT1S",
      "PT0S",
      "PT23H",
      "P1D",
    ]);
  });
  it("unreadable values after readable ones", () => {
    expect(sorted(["garbage", "2024-01-01T00:00:00Z"], "Edm.DateTimeOffset")).toEqual([
      "2024-01-01T00:00:00Z",
      "garbage",
    ]);
  });
});

describe("untyped order ranks types: boolean < number < string < other", () => {
  it("ranks mixed values", () => {
    expect(sorted(["a", 1, true, { x: 1 }, null])).toEqual([null, true, 1, "a", { x: 1 }]);
  });
  it("reads date-time texts as instants", () => {
    expect(sorted(["2024-01-01T10:00:00+02:00", "2024-01-01T09:00:00Z"])).toEqual([
      "2024-01-01T10:00:00+02:00",
      "2024-01-01T09:00:00Z",
    ]);
  });
});

describe("compileOrderBy: a stable multi-key comparator", () => {
  const rows: Row[] = [
    { Id: 1, Status: "open", Qty: 5 },
    { Id: 2, Status: "closed", Qty: 5 },
    { Id: 3, Status: "open", Qty: 1 },
    { Id: 4, Status: "closed", Qty: null },
    { Id: 5, Status: "open", Qty: 5 },
  ];
  it("orders by the first key, then the next", () => {
    const compare = compileOrderBy([asc(prop("Status")), desc(prop("Qty"))]);
    expect([...rows].sort(compare).map((r) => r.Id)).toEqual([2, 4, 1, 5, 3]);
  });
  it("keeps the input order of rows equal on every key", () => {
    const compare = compileOrderBy([asc(prop("Qty"))]);
    expect([...rows].sort(compare).map((r) => r.Id)).toEqual([4, 3, 1, 2, 5]);
  });
  it("orders by expressions, typed by the binder", () => {
    const compare = compileOrderBy([asc(add(prop("Qty"), prop("Id")))], { propertyType: () => "Edm.Int32" });
    expect([...rows].sort(compare).map((r) => r.Id)).toEqual([4, 3, 1, 2, 5]);
  });
  it("compileSortKeys evaluates keys once per row and compares them", () => {
    const { keys, compare } = compileSortKeys([asc(prop("Status")), desc(prop("Qty"))]);
    const decorated = rows.map((row) => ({ row, keys: keys.map((key) => key(row)) }));
    decorated.sort((a, b) => compare(a.keys, b.keys));
    expect(decorated.map((d) => d.row.Id)).toEqual([2, 4, 1, 5, 3]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: compareValues is a total order for every type (antisymmetric, transitive).
// ---------------------------------------------------------------------------------------------

const instant = fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true });
const valuesOf: Record<string, fc.Arbitrary<unknown>> = {
  "Edm.Int32": fc.integer(),
  "Edm.Double": fc.double(),
  "Edm.String": fc.string({ unit: "binary", maxLength: 6 }),
  "Edm.Boolean": fc.boolean(),
  "Edm.Date": instant.map((d) => d.toISOString().slice(0, 10)),
  "Edm.DateTimeOffset": fc.oneof(
    fc
      .tuple(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }))
      .map(([d, offset]) => formatInstantAtOffset(d.getTime(), offset)),
    fc.constantFrom("garbage", "2024-13-01T00:00:00Z"),
  ),
  "Edm.Duration": fc.double({ min: -1e7, max: 1e7, noNaN: true }).map(formatDuration),
  "Edm.Guid": fc.uuid().map((id) => (id.charCodeAt(0) % 2 === 0 ? id.toUpperCase() : id)),
};
valuesOf.untyped = fc.oneof(...Object.values(valuesOf), fc.constant({ type: "Point", coordinates: [1, 2] }));

describe("compareValues is a total order", () => {
  for (const [type, arbitrary] of Object.entries(valuesOf)) {
    const edmType = type === "untyped" ? undefined : (type as EdmPrimitiveType);
    const value = fc.option(arbitrary, { nil: null });
    const cmp = (a: unknown, b: unknown) => compareValues(a, b, edmType);

    it(`${type}: antisymmetric and reflexive`, () => {
      fc.assert(
        fc.property(value, value, (a, b) => {
          expect(cmp(a, a)).toBe(0);
          expect(cmp(a, b)).toBe(-cmp(b, a) || 0);
        }),
      );
    });
    it(`${type}: transitive`, () => {
      fc.assert(
        fc.property(value, value, value, (a, b, c) => {
          if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
        }),
      );
    });
  }
});

describe("compareStrings is code point order", () => {
  it("agrees with comparing code point arrays", () => {
    const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0) ?? 0);
    const reference = (a: string, b: string) => {
      const x = codePoints(a);
      const y = codePoints(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return Math.sign(x.length - y.length);
    };
    const text = fc.string({ unit: "binary", maxLength: 5 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareStrings(a, b))).toBe(reference(a, b));
      }),
    );
  });
});
