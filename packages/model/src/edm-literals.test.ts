import { describe, expect, it } from "vitest";
import { type EdmLiteralType, hasLiteralForm, isEdmLiteral } from "./edm-literals.ts";

const CASES: readonly [EdmLiteralType, readonly string[], readonly string[]][] = [
  ["Edm.String", ["", "On Hold", "<&>"], []],
  ["Edm.Boolean", ["true", "false"], ["True", "1", "yes"]],
  ["Edm.Int32", ["0", "-42", "+7", "2147483647"], ["2147483648", "1.0", "", "x"]],
  ["Edm.Int64", ["9223372036854775807", "-9223372036854775808"], ["9223372036854775808", "1e3"]],
  ["Edm.Decimal", ["1", "-1.25", "1e3", "2.5E-2"], ["1.", ".5", "INF", "1,5"]],
  ["Edm.Double", ["1.5", "INF", "-INF", "NaN"], ["inf", "1..2"]],
  ["Edm.Date", ["2024-01-31", "2024-12-01"], ["2024-13-01", "2024-1-31", "20240131"]],
  ["Edm.TimeOfDay", ["13:20", "13:20:00", "23:59:59.123"], ["24:00:00", "1:20", "13:60"]],
  [
    "Edm.DateTimeOffset",
    ["2024-01-31T13:20:00Z", "2024-01-31T13:20:00.123+01:00", "2024-01-31T13:20Z"],
    ["2024-01-31", "2024-01-31T13:20:00", "2024-01-31 13:20:00Z"],
  ],
  ["Edm.Duration", ["P1D", "PT2H30M", "-P1DT2H", "PT0.5S"], ["P", "PT", "P1DT", "1D"]],
  [
    "Edm.Guid",
    ["01234567-89ab-cdef-0123-456789ABCDEF"],
    ["01234567-89ab-cdef-0123-456789abcde", "{01234567-89ab-cdef-0123-456789abcdef}"],
  ],
];

describe("isEdmLiteral", () => {
  for (const [type, valid, invalid] of CASES) {
    it(`accepts ${type} literals and rejects others`, () => {
      for (const text of valid) expect(isEdmLiteral(type, text), text).toBe(true);
      for (const text of invalid) expect(isEdmLiteral(type, text), text).toBe(false);
    });
  }
});

describe("hasLiteralForm", () => {
  it("is false only for geography types, whose values are GeoJSON objects", () => {
    expect(hasLiteralForm("Edm.GeographyPoint")).toBe(false);
    expect(hasLiteralForm("Edm.GeographyPolygon")).toBe(false);
    expect(hasLiteralForm("Edm.Decimal")).toBe(true);
  });
});
