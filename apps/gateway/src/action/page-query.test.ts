import { ODataSyntaxError } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import {
  checkCountParameters,
  DEFAULT_PAGE_SIZE,
  pageQueryOf,
  QUERY_PARAMETER_NAMES,
  rejectUnknownParameters,
} from "./page-query.ts";

describe("plain query parameters", () => {
  it("become OData options, with top as the page size", () => {
    const page = pageQueryOf({ filter: "Amount gt 5", select: "Job", top: 10, skip: 20, count: true });
    expect(page.pageSize).toBe(10);
    expect(page.options.top).toBeUndefined();
    expect(page.options).toMatchObject({ skip: 20, count: true });
    expect(page.options.filter).toMatchObject({ kind: "binary", op: "gt" });
  });

  it("default to a modest page, and read top=0 as OData's $top=0 (the count alone)", () => {
    expect(pageQueryOf({}).pageSize).toBe(DEFAULT_PAGE_SIZE);
    expect(pageQueryOf({ top: 0, count: true }).options).toEqual({ top: 0, count: true });
  });

  it("treat empty strings as absent", () => {
    expect(pageQueryOf({ filter: " ", select: "", orderby: "" }).options).toEqual({});
  });

  it("report a syntax error at its position in the model's own text", () => {
    let error: unknown;
    try {
      pageQueryOf({ filter: "Status eq 'Open" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ODataSyntaxError);
    expect((error as ODataSyntaxError).target).toBe("$filter");
    expect((error as ODataSyntaxError).position).toBeLessThanOrEqual("Status eq 'Open".length);
  });

  it("refuse OData-style names with the plain name to use instead", () => {
    expect(() => rejectUnknownParameters({ $filter: "x" }, QUERY_PARAMETER_NAMES)).toThrow(
      "use 'filter' (without '$')",
    );
    expect(() => rejectUnknownParameters({ fitler: "x" }, QUERY_PARAMETER_NAMES)).toThrow(
      "did you mean 'filter'",
    );
    expect(() => rejectUnknownParameters({ filter: "x", top: 1 }, QUERY_PARAMETER_NAMES)).not.toThrow();
  });

  it("read top and skip as OData reads $top and $skip, before anything turns them into numbers", () => {
    expect(() => checkCountParameters({ top: "0050", skip: "0", filter: "x" })).not.toThrow();
    for (const text of ["0x10", " 5", "+5", "5e2", "Infinity"]) {
      expect(() => checkCountParameters({ skip: text }), text).toThrow(
        "skip must be a whole number from 0 to 9007199254740991, written in digits",
      );
    }
    expect(() => checkCountParameters({ top: ["1", "2"] })).toThrow("top is given 2 times; give it once.");
  });
});
