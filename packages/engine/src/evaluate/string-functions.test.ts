import type { Expr } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import { call, int, list, negate, not, nul, prop, str } from "./test-ast.ts";
import type { Row } from "./types.ts";

const value = (expr: Expr, row: Row = {}) => compileExpression(expr)(row);
const row = { Name: "Alfreds Futterkiste", Empty: "", None: null, Tags: ["a", "b", "c", "b"] };

describe("contains, startswith, endswith: case-sensitive substring tests", () => {
  it.each([
    [call("contains", prop("Name"), str("Futter")), true],
    [call("contains", prop("Name"), str("futter")), false],
    [call("startswith", prop("Name"), str("Alfr")), true],
    [call("startswith", prop("Name"), str("lfr")), false],
    [call("endswith", prop("Name"), str("kiste")), true],
    [call("endswith", prop("Name"), str("Kiste")), false],
    [call("contains", prop("Name"), str("")), true],
    [call("contains", prop("Name"), prop("Name")), true],
  ] as const)("%#", (expr, expected) => {
    expect(value(expr, row)).toBe(expected);
  });
  it("are null for a null argument, so `not contains(null, ...)` is not true either", () => {
    expect(value(call("contains", prop("None"), str("x")), row)).toBeNull();
    expect(value(call("contains", prop("Name"), nul), row)).toBeNull();
    expect(compileFilter(not(call("contains", prop("None"), str("x"))))(row)).toBe(false);
  });
  it("on ordered collections look for a contiguous run of items", () => {
    expect(value(call("contains", prop("Tags"), list(str("b"), str("c"))), row)).toBe(true);
    expect(value(call("contains", prop("Tags"), list(str("a"), str("c"))), row)).toBe(false);
    expect(value(call("startswith", prop("Tags"), list(str("a"), str("b"))), row)).toBe(true);
    expect(value(call("endswith", prop("Tags"), list(str("c"), str("b"))), row)).toBe(true);
  });
});

describe("indexof: zero-based position or -1", () => {
  it("finds the first occurrence", () => {
    expect(value(call("indexof", prop("Name"), str("lfreds")), row)).toBe(1);
    expect(value(call("indexof", prop("Name"), str("xyz")), row)).toBe(-1);
    expect(value(call("indexof", prop("Tags"), list(str("b"))), row)).toBe(1);
  });
});

describe("length", () => {
  it("counts characters of a string and items of a collection", () => {
    expect(value(call("length", prop("Name")), row)).toBe(19);
    expect(value(call("length", prop("Empty")), row)).toBe(0);
    expect(value(call("length", prop("Tags")), row)).toBe(4);
    expect(value(call("length", prop("None")), row)).toBeNull();
  });
});

describe("substring(s, start[, length])", () => {
  it("takes from a zero-based start", () => {
    expect(value(call("substring", prop("Name"), int(1)), row)).toBe("lfreds Futterkiste");
    expect(value(call("substring", prop("Name"), int(1), int(2)), row)).toBe("lf");
  });
  it("gives an empty string past the end, and as many characters as remain", () => {
    expect(value(call("substring", prop("Name"), int(40)), row)).toBe("");
    expect(value(call("substring", prop("Name"), int(15), int(100)), row)).toBe("iste");
  });
  it("counts a negative start from the end (4.01)", () => {
    expect(value(call("substring", prop("Name"), negate(int(5))), row)).toBe("kiste");
    expect(value(call("substring", prop("Name"), int(-5), int(2)), row)).toBe("ki");
    expect(value(call("substring", prop("Name"), int(-100), int(3)), row)).toBe("Alf");
  });
  it("rejects a negative length as a bad request", () => {
    expect(() => value(call("substring", prop("Name"), int(0), int(-1)), row)).toThrow(
      expect.objectContaining({ code: "InvalidArgument", status: 400 }),
    );
  });
  it("slices collections too", () => {
    expect(value(call("substring", prop("Tags"), int(1), int(2)), row)).toEqual(["b", "c"]);
  });
  it("is null for a null argument", () => {
    expect(value(call("substring", prop("None"), int(1)), row)).toBeNull();
    expect(value(call("substring", prop("Name"), nul), row)).toBeNull();
  });
});

describe("tolower, toupper, trim, concat", () => {
  it("map strings", () => {
    expect(value(call("tolower", prop("Name")), row)).toBe("alfreds futterkiste");
    expect(value(call("toupper", str("straße")))).toBe("STRASSE");
    expect(value(call("trim", str("  a b \t\n")))).toBe("a b");
  });
  it("concat appends strings, or collections", () => {
    expect(value(call("concat", call("concat", str("Berlin"), str(", ")), str("Germany")))).toBe(
      "Berlin, Germany",
    );
    expect(value(call("concat", prop("Tags"), list(str("z"))), row)).toEqual(["a", "b", "c", "b", "z"]);
  });
  it("are null for null arguments", () => {
    expect(value(call("tolower", prop("None")), row)).toBeNull();
    expect(value(call("concat", prop("Name"), prop("None")), row)).toBeNull();
  });
});

describe("matchesPattern: ECMAScript regular expressions", () => {
  it("matches anywhere unless anchored", () => {
    expect(value(call("matchesPattern", prop("Name"), str("^A.*e$")), row)).toBe(true);
    expect(value(call("matchesPattern", prop("Name"), str("Futter")), row)).toBe(true);
    expect(value(call("matchesPattern", prop("Name"), str("^Futter")), row)).toBe(false);
  });
  it("accepts patterns that only legacy (non-unicode) syntax allows", () => {
    expect(value(call("matchesPattern", str("a-b"), str("^[\\w-]+$")))).toBe(true);
  });
  it("rejects an invalid literal pattern when compiling", () => {
    expect(() => compileExpression(call("matchesPattern", prop("Name"), str("([a-z")))).toThrow(
      expect.objectContaining({ code: "InvalidPattern", status: 400 }),
    );
  });
  it("compiles a pattern taken from the row, and rejects it when invalid", () => {
    const f = compileExpression(call("matchesPattern", prop("Name"), prop("Pattern")));
    expect(f({ Name: "abc", Pattern: "b+" })).toBe(true);
    expect(() => f({ Name: "abc", Pattern: "(" })).toThrow(
      expect.objectContaining({ code: "InvalidPattern" }),
    );
  });
  it("is null for a null subject", () => {
    expect(value(call("matchesPattern", prop("None"), str("a")), row)).toBeNull();
  });
});

describe("hassubset and hassubsequence", () => {
  it("hassubset ignores order but counts repeats", () => {
    expect(value(call("hassubset", list(int(4), int(1), int(3)), list(int(3), int(1))))).toBe(true);
    expect(value(call("hassubset", list(int(4), int(1), int(3), int(1)), list(int(1), int(1))))).toBe(true);
    expect(value(call("hassubset", list(int(1), int(2)), list(int(1), int(1), int(2))))).toBe(false);
  });
  it("hassubsequence keeps order, allowing gaps", () => {
    expect(value(call("hassubsequence", list(int(4), int(1), int(3)), list(int(4), int(3))))).toBe(true);
    expect(value(call("hassubsequence", list(int(4), int(1), int(3)), list(int(3), int(1))))).toBe(false);
  });
});
