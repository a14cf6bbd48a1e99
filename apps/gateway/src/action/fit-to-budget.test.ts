import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { largestFitting } from "./fit-to-budget.ts";

describe("largestFitting", () => {
  it("finds the largest prefix whose size fits, for any non-decreasing size", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 200 }),
        fc.nat(200),
        fc.nat(3000),
        (growth, base, max) => {
          const sizes = [base];
          for (const step of growth) sizes.push((sizes.at(-1) ?? base) + step);
          const sizeOf = (n: number) => sizes[n] ?? Number.POSITIVE_INFINITY;
          const total = sizes.length - 1;
          const expected = sizes.reduce((best, size, n) => (size <= max ? n : best), -1);
          expect(largestFitting(total, sizeOf, max)).toBe(expected);
        },
      ),
    );
  });

  it("answers -1 when not even the empty response fits", () => {
    expect(largestFitting(3, (n) => 100 + n, 99)).toBe(-1);
  });
});
