import type { EdmPrimitiveType } from "@headgate/model";
import type { Expr } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression } from "./compile-expression.ts";
import {
  add,
  date,
  dbl,
  dec,
  div,
  divby,
  dto,
  dur,
  eq,
  int,
  mod,
  mul,
  negate,
  nul,
  prop,
  sub,
} from "./test-ast.ts";
import type { Row } from "./types.ts";

const value = (expr: Expr, row: Row = {}, types: Record<string, EdmPrimitiveType> = {}) =>
  compileExpression(expr, { propertyType: (path) => types[path.join("/")] })(row);
const divisionByZero = expect.objectContaining({ code: "DivisionByZero", status: 400 });

describe("add, sub, mul", () => {
  it("compute on numbers", () => {
    expect(value(add(int(2), int(3)))).toBe(5);
    expect(value(sub(int(2), int(3)))).toBe(-1);
    expect(value(mul(prop("P"), int(3)), { P: 2.5 })).toBe(7.5);
  });
  it("keep decimal results exact to their scale", () => {
    expect(value(add(dec("0.1"), dec("0.2")))).toBe(0.3);
    expect(value(sub(dec("0.3"), dec("0.1")))).toBe(0.2);
    expect(value(mul(dec("1.1"), dec("1.1")))).toBe(1.21);
    expect(value(add(prop("P"), dec("0.2")), { P: 0.1 })).toBe(0.3);
  });
  it("leave doubles to IEEE 754", () => {
    expect(value(add(dbl(0.1), dbl(0.2)))).toBe(0.1 + 0.2);
  });
  it("are null when an operand is null or not a number", () => {
    expect(value(add(prop("X"), int(1)), { X: null })).toBeNull();
    expect(value(add(nul, nul))).toBeNull();
    expect(value(mul(prop("X"), int(2)), { X: "3" })).toBeNull();
  });
});

describe("div: integer division truncates toward zero; decimals divide exactly", () => {
  const ints = { A: "Edm.Int32", B: "Edm.Int64" } as const;
  it("truncates integer quotients toward zero", () => {
    expect(value(div(int(7), int(2)))).toBe(3);
    expect(value(div(int(-7), int(2)))).toBe(-3);
    expect(value(div(int(7), int(-2)))).toBe(-3);
    expect(value(div(prop("A"), prop("B")), { A: 9, B: 4 }, ints)).toBe(2);
    expect(value(div(int(-1), int(2)))).toBe(0);
  });
  it("divides as decimals when either operand is not an integer type", () => {
    expect(value(div(dec("7.0"), int(2)))).toBe(3.5);
    expect(value(div(prop("A"), int(2)), { A: 7 }, { A: "Edm.Decimal" })).toBe(3.5);
    expect(value(div(prop("A"), int(2)), { A: 7 }, { A: "Edm.Double" })).toBe(3.5);
  });
  it("without types, whole numbers divide as integers", () => {
    expect(value(div(prop("A"), prop("B")), { A: 7, B: 2 })).toBe(3);
    expect(value(div(prop("A"), prop("B")), { A: 7.5, B: 2 })).toBe(3.75);
  });
  it("fails on integer or decimal division by zero", () => {
    expect(() => value(div(prop("A"), int(0)), { A: 1 }, { A: "Edm.Int32" })).toThrow(divisionByZero);
    expect(() => value(div(dec("1.5"), dec("0")))).toThrow(divisionByZero);
    expect(() => value(div(prop("A"), prop("B")), { A: 1, B: 0 })).toThrow(divisionByZero);
  });
  it("follows IEEE 754 for doubles: INF, -INF, NaN", () => {
    expect(value(div(dbl(1), dbl(0)))).toBe(Number.POSITIVE_INFINITY);
    expect(value(div(dbl(-1), int(0)))).toBe(Number.NEGATIVE_INFINITY);
    expect(value(div(dbl(0), dbl(0)))).toBeNaN();
  });
});

describe("divby: always decimal division, never fails", () => {
  it("keeps the fraction of integer operands", () => {
    expect(value(divby(int(5), int(2)))).toBe(2.5);
  });
  it("gives INF, -INF or NaN for a zero divisor", () => {
    expect(value(divby(int(5), int(0)))).toBe(Number.POSITIVE_INFINITY);
    expect(value(divby(int(-5), int(0)))).toBe(Number.NEGATIVE_INFINITY);
    expect(value(divby(int(0), int(0)))).toBeNaN();
  });
});

describe("mod: the sign of the dividend; zero divisor fails", () => {
  it("takes the sign of the dividend", () => {
    expect(value(mod(int(7), int(3)))).toBe(1);
    expect(value(mod(int(-7), int(3)))).toBe(-1);
    expect(value(mod(int(7), int(-3)))).toBe(1);
    expect(value(mod(int(-6), int(3)))).toBe(0);
  });
  it("is exact for decimals", () => {
    expect(value(mod(dec("0.3"), dec("0.1")))).toBe(0);
    expect(value(mod(dec("5.5"), int(2)))).toBe(1.5);
  });
  it("fails for a zero divisor of any type", () => {
    expect(() => value(mod(int(7), int(0)))).toThrow(divisionByZero);
    expect(() => value(mod(dbl(7), dbl(0)))).toThrow(divisionByZero);
  });
});

describe("negation", () => {
  it("changes the sign of numbers and durations", () => {
    expect(value(negate(prop("X")), { X: 4 })).toBe(-4);
    expect(value(negate(prop("X")), { X: 0 })).toBe(0);
    expect(value(negate(dur("P1DT2H")))).toBe("-P1DT2H");
    expect(value(negate(dur("-PT30M")))).toBe("PT30M");
  });
  it("of null is null", () => {
    expect(value(negate(prop("X")), { X: null })).toBeNull();
  });
});

describe("temporal arithmetic (§5.1.1.2.1-2)", () => {
  it("DateTimeOffset add Duration keeps the value's offset", () => {
    expect(value(add(dto("2024-01-31T23:00:00Z"), dur("PT2H")))).toBe("2024-02-01T01:00:00.000Z");
    expect(value(add(dto("2024-01-31T23:00:00+01:00"), dur("PT2H")))).toBe("2024-02-01T01:00:00.000+01:00");
    expect(value(sub(dto("2024-03-01T00:00:00Z"), dur("P1D")))).toBe("2024-02-29T00:00:00.000Z");
  });
  it("DateTimeOffset sub DateTimeOffset is a Duration", () => {
    expect(value(sub(dto("2024-03-02T12:00:00Z"), dto("2024-03-01T00:00:00Z")))).toBe("P1DT12H");
    expect(value(sub(dto("2024-03-01T00:00:00Z"), dto("2024-03-01T00:00:01.5Z")))).toBe("-PT1.5S");
  });
  it("Date add Duration moves whole days from midnight (a partial day keeps the date)", () => {
    expect(value(add(date("2024-02-28"), dur("P2D")))).toBe("2024-03-01");
    expect(value(add(date("2024-02-28"), dur("PT23H")))).toBe("2024-02-28");
    expect(value(sub(date("2024-02-28"), dur("PT1H")))).toBe("2024-02-27");
  });
  it("Date sub Date is a Duration in days", () => {
    expect(value(sub(date("2024-03-01"), date("2024-02-01")))).toBe("P29D");
  });
  it("Durations add, subtract and scale", () => {
    expect(value(add(dur("PT1H"), dur("PT30M")))).toBe("PT1H30M");
    expect(value(sub(dur("PT1H"), dur("PT2H")))).toBe("-PT1H");
    expect(value(mul(dur("PT1H"), int(3)))).toBe("PT3H");
    expect(value(div(dur("P1D"), int(4)))).toBe("PT6H");
  });
  it("works on typed properties and compares like any value", () => {
    const row = { Start: "2024-03-01T08:00:00.000Z", End: "2024-03-01T17:30:00.000Z" };
    const types = { Start: "Edm.DateTimeOffset", End: "Edm.DateTimeOffset" } as const;
    expect(value(eq(sub(prop("End"), prop("Start")), dur("PT9H30M")), row, types)).toBe(true);
  });
});
