import type { Row } from "@headgate/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PageParts, renderPage } from "./render-page.ts";

const AS_OF = new Date("2026-12-07T22:45:30.123Z");

const parts = (rows: Row[], more: boolean): PageParts => ({
  entitySet: "Things",
  asOf: AS_OF,
  rows,
  more,
  cursorAfter: (delivered) => `after-${delivered}`,
  narrowing: "select fewer properties",
  describeRow: (row) => `(id=${String(row.id)})`,
});

const rowsArbitrary = fc.array(fc.record({ id: fc.nat(), text: fc.string({ maxLength: 400 }) }), {
  maxLength: 40,
});

describe("renderPage", () => {
  it("stays within the budget, returns a prefix of the rows, and continues right after it", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), fc.integer({ min: 600, max: 20_000 }), (rows, more, max) => {
        const page = renderPage(parts(rows, more), max);
        const body = JSON.parse(page.text);
        expect(page.text.length).toBeLessThanOrEqual(max);
        expect(body.asOf).toBe("2026-12-07T22:45:30.123Z");
        expect(body.rows).toEqual(rows.slice(0, body.rows.length));
        expect(page.delivered).toBe(body.rows.length);
        if (body.truncated === undefined) {
          expect(body.rows).toHaveLength(rows.length);
          expect(body.nextCursor).toBe(more ? `after-${rows.length}` : undefined);
        } else if (page.delivered > 0) {
          expect(body.nextCursor).toBe(`after-${page.delivered}`);
          expect(body.truncated.message).toContain(`Returned ${page.delivered} of the ${rows.length} rows`);
        } else {
          // Not even one row fits: it is named and passed over.
          expect(body.truncated.message).toContain(`(id=${rows[0]?.id}) alone is larger`);
          if (more || rows.length > 1) expect(body.nextCursor).toBe("after-1");
        }
      }),
    );
  });

  it("reports a deadline cut as given when the rows fit", () => {
    const deadline = { reason: "deadline" as const, message: "time ran out" };
    const body = JSON.parse(renderPage({ ...parts([{ id: 1 }], true), deadline }, 10_000).text);
    expect(body).toEqual({
      entitySet: "Things",
      asOf: "2026-12-07T22:45:30.123Z",
      rows: [{ id: 1 }],
      nextCursor: "after-1",
      truncated: deadline,
    });
  });
});
