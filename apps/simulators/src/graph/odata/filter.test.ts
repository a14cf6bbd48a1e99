import { describe, expect, it } from "vitest";
import { GraphError } from "../graph-error.ts";
import { filterProperties, parseFilter } from "./filter.ts";

describe("the $filter parser", () => {
  it("reads comparisons with string, number, boolean, null and bare date literals", () => {
    expect(parseFilter("fields/Title eq 'O''Brien'")).toEqual({
      kind: "compare",
      operator: "eq",
      property: "fields/Title",
      literal: { type: "string", value: "O'Brien" },
    });
    expect(parseFilter("fields/LostWorkDays ge -2.5").kind).toBe("compare");
    expect(parseFilter("fields/Closed eq true")).toMatchObject({ literal: { type: "boolean", value: true } });
    expect(parseFilter("fields/ReportedBy ne null")).toMatchObject({ literal: { type: "null" } });
    expect(parseFilter("fields/Modified gt 2024-01-01T00:00:00Z")).toMatchObject({
      literal: { type: "string", value: "2024-01-01T00:00:00Z" },
    });
  });

  it("binds and tighter than or, and honours parentheses", () => {
    const loose = parseFilter("fields/A eq 1 or fields/B eq 2 and fields/C eq 3");
    expect(loose).toMatchObject({ kind: "or", right: { kind: "and" } });
    const grouped = parseFilter("(fields/A eq 1 or fields/B eq 2) and fields/C eq 3");
    expect(grouped).toMatchObject({ kind: "and", left: { kind: "or" } });
    expect(filterProperties(grouped)).toEqual(["fields/A", "fields/B", "fields/C"]);
  });

  it("reads startswith", () => {
    expect(parseFilter("startswith(fields/JobNumber, '24-')")).toEqual({
      kind: "startswith",
      property: "fields/JobNumber",
      prefix: "24-",
    });
  });

  it.each([
    "contains(fields/Title,'x')",
    "endswith(fields/Title,'x')",
    "not fields/Closed eq 1",
    "fields/Title eq 'unterminated",
    "fields/Title eq",
    "fields/Title eq 'a' fields/Title",
    "fields/Size add 1 eq 2",
  ])("refuses %s with 400 invalidRequest", (text) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphError);
      expect(error).toMatchObject({ status: 400, code: "invalidRequest" });
    }
  });
});
