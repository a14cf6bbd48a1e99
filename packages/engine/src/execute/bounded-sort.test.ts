import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BoundedSortedRows } from "./bounded-sort.ts";

describe("bounded sorted rows", () => {
  it("keeps exactly what a stable full sort cut at the limit keeps", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.nat(30), (values, limit) => {
        const rows = values.map((v, i) => ({ v, i }));
        const compare = (a: Record<string, unknown>, b: Record<string, unknown>) =>
          (a.v as number) - (b.v as number);
        const bounded = new BoundedSortedRows(limit, compare);
        for (const row of rows) bounded.push(row);
        expect(bounded.toArray()).toEqual([...rows].sort(compare).slice(0, limit));
      }),
    );
  });
});
