import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addSecondsToDate,
  durationSeconds,
  epochOfDateTime,
  formatDuration,
  formatInstantAtOffset,
  instantOf,
  isCanonicalInstant,
  parseDate,
  parseDateTime,
  timeOfDaySeconds,
} from "./temporal.ts";

describe("DateTimeOffset texts", () => {
  it("parse with offsets, Z and optional seconds", () => {
    expect(instantOf("2024-03-01T01:00:00+01:00")).toBe(Date.UTC(2024, 2, 1));
    expect(instantOf("2024-03-01T00:00Z")).toBe(Date.UTC(2024, 2, 1));
    expect(instantOf("2024-02-29T23:30:00.5-00:30")).toBe(Date.UTC(2024, 2, 1, 0, 0, 0, 500));
  });
  it("reject impossible calendar values instead of rolling them over", () => {
    expect(instantOf("2024-02-30T00:00:00Z")).toBeNaN();
    expect(instantOf("2023-02-29T00:00:00Z")).toBeNaN();
    expect(instantOf("2024-01-01T24:00:00Z")).toBeNaN();
    expect(instantOf("2024-01-01T10:00:00")).toBeNaN();
  });
  it("keep years below 100 as written", () => {
    expect(new Date(instantOf("0099-01-01T00:00:00Z")).getUTCFullYear()).toBe(99);
  });
  it("recognise the canonical toISOString form", () => {
    expect(isCanonicalInstant("2024-03-01T00:00:00.000Z")).toBe(true);
    expect(isCanonicalInstant("2024-03-01T00:00:00Z")).toBe(false);
    expect(isCanonicalInstant("2024-03-01T00:00:00.000+00:00")).toBe(false);
  });
  it("format an instant in a given offset", () => {
    expect(formatInstantAtOffset(Date.UTC(2024, 0, 1), 90)).toBe("2024-01-01T01:30:00.000+01:30");
    expect(formatInstantAtOffset(Date.UTC(2024, 0, 1), -300)).toBe("2023-12-31T19:00:00.000-05:00");
  });
  it("every reading path agrees with the exact parser (property)", () => {
    const text = fc
      .tuple(
        fc.date({ min: new Date("0100-01-01"), max: new Date("9999-01-01"), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
      )
      .map(([d, offset]) => formatInstantAtOffset(d.getTime(), offset));
    fc.assert(
      fc.property(text, (t) => {
        const parts = parseDateTime(t);
        expect(parts).toBeDefined();
        expect(instantOf(t)).toBe(epochOfDateTime(parts!));
      }),
    );
  });
});

describe("Date and TimeOfDay texts", () => {
  it("validate dates, leap years included", () => {
    expect(parseDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDate("1900-02-29")).toBeUndefined();
    expect(parseDate("2000-02-29")).toBeDefined();
    expect(parseDate("2024-13-01")).toBeUndefined();
  });
  it("read times of day as seconds since midnight", () => {
    expect(timeOfDaySeconds("13:20")).toBe(48_000);
    expect(timeOfDaySeconds("13:20:00.25")).toBe(48_000.25);
    expect(timeOfDaySeconds("25:00")).toBeNaN();
  });
  it("add durations to dates per XML Schema (whole days from midnight)", () => {
    expect(addSecondsToDate("2024-03-01", -1)).toBe("2024-02-29");
    expect(addSecondsToDate("2024-03-01", 86_399)).toBe("2024-03-01");
  });
});

describe("Duration texts", () => {
  it("read days, hours, minutes and seconds", () => {
    expect(durationSeconds("P1DT2H3M4.5S")).toBe(93_784.5);
    expect(durationSeconds("-PT0.5S")).toBe(-0.5);
    expect(durationSeconds("P2D")).toBe(172_800);
  });
  it("reject years, months and empty durations", () => {
    expect(durationSeconds("P1Y")).toBeNaN();
    expect(durationSeconds("P")).toBeNaN();
    expect(durationSeconds("PT")).toBeNaN();
  });
  it("format canonically, dropping zero parts", () => {
    expect(formatDuration(0)).toBe("PT0S");
    expect(formatDuration(93_784.5)).toBe("P1DT2H3M4.5S");
    expect(formatDuration(-3600)).toBe("-PT1H");
    expect(formatDuration(0.1 + 0.2)).toBe("PT0.3S");
    expect(formatDuration(86_400 * 400)).toBe("P400D");
  });
  it("round-trip (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (whole, millis) => {
        const seconds = whole + Math.sign(whole || 1) * (millis / 1000);
        expect(durationSeconds(formatDuration(seconds))).toBeCloseTo(seconds, 6);
      }),
    );
  });
});
