import { describe, expect, it } from "vitest";
import { collectionJson, entityJson, writeJson } from "./odata-json.ts";

describe("OData JSON payloads", () => {
  it("puts control information around the value: context and count first, next link last", () => {
    const body = collectionJson({ context: "c", rows: [{ A: 1 }], count: 9, nextLink: "n" }, "minimal");
    expect(Object.keys(JSON.parse(body))).toEqual([
      "@odata.context",
      "@odata.count",
      "value",
      "@odata.nextLink",
    ]);
  });

  it("drops only the context at odata.metadata=none", () => {
    const body = JSON.parse(collectionJson({ context: "c", rows: [], count: 0, nextLink: "n" }, "none"));
    expect(body).toEqual({ "@odata.count": 0, value: [], "@odata.nextLink": "n" });
    expect(JSON.parse(entityJson("c", { A: 1 }, "none"))).toEqual({ A: 1 });
    expect(JSON.parse(entityJson("c", { A: 1 }, "minimal"))).toEqual({ "@odata.context": "c", A: 1 });
  });

  it("writes @headgate.asOf as an ISO 8601 UTC instant with the annotations, before the value", () => {
    const asOf = new Date("2026-12-07T22:45:30.123Z");
    const body = collectionJson({ context: "c", rows: [{ A: 1 }], count: 9, nextLink: "n", asOf }, "minimal");
    expect(Object.keys(JSON.parse(body))).toEqual([
      "@odata.context",
      "@odata.count",
      "@headgate.asOf",
      "value",
      "@odata.nextLink",
    ]);
    expect(JSON.parse(body)["@headgate.asOf"]).toBe("2026-12-07T22:45:30.123Z");
    expect(JSON.parse(collectionJson({ context: "c", rows: [], asOf }, "none"))).toEqual({
      "@headgate.asOf": "2026-12-07T22:45:30.123Z",
      value: [],
    });
  });

  it("annotates a single entity before its properties, at every metadata level", () => {
    const asOf = new Date("2026-12-07T22:45:30.123Z");
    expect(Object.keys(JSON.parse(entityJson("c", { A: 1 }, "minimal", asOf)))).toEqual([
      "@odata.context",
      "@headgate.asOf",
      "A",
    ]);
    expect(JSON.parse(entityJson("c", { A: 1 }, "none", asOf))).toEqual({
      "@headgate.asOf": "2026-12-07T22:45:30.123Z",
      A: 1,
    });
  });

  it("writes non-finite doubles as the strings OData prescribes", () => {
    expect(
      writeJson({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 1.5 }),
    ).toBe('{"a":"NaN","b":"INF","c":"-INF","d":1.5}');
  });

  it("finds them inside expanded entities too", () => {
    const body = writeJson({ value: [{ A: 1, Lines: [{ X: 2 }, { X: Number.NaN }] }] });
    expect(body).toBe('{"value":[{"A":1,"Lines":[{"X":2},{"X":"NaN"}]}]}');
  });
});
