import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./parse-duration.ts";

describe("a duration", () => {
  it("is a number of seconds", () => {
    expect(parseDuration(300)).toBe(300_000);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(1.5)).toBe(1_500);
  });

  it("is text of amounts with units: ms, s, m, h, d, in any case, spaces allowed", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration(" 2 M ")).toBe(120_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("0s")).toBe(0);
  });

  it("is nothing else: negative, unitless text, unknown units, other types", () => {
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, "", "5", "5 minutes", "-5m", "5w", "m"])
      expect(parseDuration(value)).toBeUndefined();
    for (const value of [null, undefined, true, {}, ["5m"]]) expect(parseDuration(value)).toBeUndefined();
  });

  it("is shown in its largest units", () => {
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(86_400_000)).toBe("24h");
    expect(formatDuration(300_000)).toBe("5m");
    expect(formatDuration(250)).toBe("250ms");
  });
});
