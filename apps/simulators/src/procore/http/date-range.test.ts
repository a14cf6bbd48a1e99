import { describe, expect, it } from "vitest";
import { inRange, parseDateRange } from "./date-range.ts";
import { ProcoreError } from "./procore-error.ts";

describe("Procore's `...` date ranges", () => {
  it("reads UTC date-times, with or without the quotes the docs show", () => {
    const expected = { from: Date.parse("2016-09-23T16:30:00Z"), to: Date.parse("2016-09-23T17:00:00Z") };
    expect(parseDateRange("2016-09-23T16:30:00Z...2016-09-23T17:00:00Z")).toEqual(expected);
    expect(parseDateRange('"2016-09-23T16:30:00Z...2016-09-23T17:00:00Z"')).toEqual(expected);
  });

  it("reads explicit offsets", () => {
    expect(parseDateRange("2024-01-01T00:00:00-08:00...2024-01-01T12:00:00+01:00")).toEqual({
      from: Date.parse("2024-01-01T08:00:00Z"),
      to: Date.parse("2024-01-01T11:00:00Z"),
    });
  });

  it("makes date-only bounds cover whole days, inclusively", () => {
    const range = parseDateRange("2024-03-01...2024-03-02");
    expect(inRange(range, "2024-03-01T00:00:00Z")).toBe(true);
    expect(inRange(range, "2024-03-02T23:59:59Z")).toBe(true);
    expect(inRange(range, "2024-03-03T00:00:00Z")).toBe(false);
    expect(inRange(range, "2024-02-29T23:59:59Z")).toBe(false);
    expect(inRange(range, null)).toBe(false);
  });

  it("refuses anything else with a 400", () => {
    for (const bad of [
      "2024-03-01",
      "yesterday...today",
      "2024-13-01...2024-12-01",
      "2024-01-01..2024-02-01",
      '\\"2024-01-01...2024-02-01\\"',
    ]) {
      expect(() => parseDateRange(bad)).toThrow(ProcoreError);
    }
    try {
      parseDateRange("nope");
    } catch (error) {
      expect((error as ProcoreError).status).toBe(400);
    }
  });
});
