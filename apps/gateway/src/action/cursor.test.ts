import { parseQueryOptions } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cursorAfter, readCursor } from "./cursor.ts";
import { pageQueryOf } from "./page-query.ts";

describe("nextCursor", () => {
  it("carries the whole query and advances skip past the rows delivered", () => {
    const page = pageQueryOf({
      filter: "Status eq 'In Progress' and contains(Description,'a & b')",
      select: "Job,Description",
      orderby: "Job desc",
      count: true,
      skip: 10,
      top: 20,
    });
    const next = readCursor(cursorAfter("Jobs", page, 7), "jobs");
    expect(next.pageSize).toBe(20);
    expect(next.options).toEqual({ ...page.options, skip: 17 });
  });

  it("round-trips any skip and page size", () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(1000),
        (skip, top, delivered) => {
          const page = pageQueryOf({ filter: "Amount gt 5", skip, top });
          const next = readCursor(cursorAfter("ApInvoices", page, delivered), "ApInvoices");
          expect(next).toEqual({ options: { ...page.options, skip: skip + delivered }, pageSize: top });
        },
      ),
    );
  });

  it("refuses a cursor of another entity set, naming where it belongs", () => {
    const cursor = cursorAfter("Jobs", pageQueryOf({}), 50);
    expect(() => readCursor(cursor, "Vendors")).toThrow(/entity set 'Jobs'.*\/api\/entity-sets\/Jobs\/rows/);
  });

  it("refuses text that is not a cursor with advice to start again", () => {
    for (const text of ["nonsense", "", Buffer.from('{"v":2}').toString("base64url")])
      expect(() => readCursor(text, "Jobs")).toThrow(/repeat the query without cursor/);
  });

  it("keeps the OData text it carries parseable", () => {
    const page = pageQueryOf({ apply: "groupby((Status),aggregate(Amount with sum as Total))", top: 5 });
    const payload = JSON.parse(Buffer.from(cursorAfter("Jobs", page, 5), "base64url").toString("utf8"));
    expect(parseQueryOptions(payload.q)).toEqual({ ...page.options, skip: 5 });
  });
});
