/**
 * Procore values as rows carry them. Timestamps take a fast path when their text already is
 * canonical; it must give exactly what parsing and re-printing gives, invalid dates included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nested, num, timestamp } from "./property.ts";

const reference = (value: string) => {
  const moment = Date.parse(value);
  return Number.isNaN(moment) ? null : new Date(moment).toISOString();
};

describe("timestamp", () => {
  it("gives the canonical UTC form of Procore's timestamps", () => {
    expect(timestamp("2024-03-18T22:14:25Z")).toBe("2024-03-18T22:14:25.000Z");
    expect(timestamp("2024-03-18T22:14:25.120Z")).toBe("2024-03-18T22:14:25.120Z");
    expect(timestamp("2024-03-18T17:14:25-05:00")).toBe("2024-03-18T22:14:25.000Z");
    expect(timestamp("2024-02-30T00:00:00Z")).toBe("2024-03-01T00:00:00.000Z");
    expect(timestamp("2024-13-01T00:00:00Z")).toBeNull();
    expect(timestamp("")).toBeNull();
    expect(timestamp(null)).toBeNull();
    expect(timestamp(1710800065)).toBeNull();
  });

  it("agrees with Date.parse + toISOString on every UTC timestamp, valid or not", () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, "0");
    const parts = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.option(fc.integer({ min: 0, max: 999 })),
    );
    fc.assert(
      fc.property(parts, ([y, mo, d, h, mi, s, ms]) => {
        const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === null ? "" : `.${pad(ms, 3)}`}Z`;
        expect(timestamp(text)).toBe(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("num and nested", () => {
  it("reads numbers and decimal strings, and fields of nested objects", () => {
    expect(num("1250.50")).toBe(1250.5);
    expect(num(" ")).toBeNull();
    expect(num("n/a")).toBeNull();
    expect(nested({ name: "Ada" }, "name")).toBe("Ada");
    expect(nested(null, "name")).toBeNull();
  });
});
