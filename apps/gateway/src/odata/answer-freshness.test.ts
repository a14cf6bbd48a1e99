/**
 * How old an OData answer's data is, and how a client asks for fresh data: every collection and
 * entity carries `@headgate.asOf` (ISO 8601 UTC, a namespaced instance annotation clients pass
 * over), `/$count` stays a bare number, `Prefer: include-annotations` can leave the annotation
 * out, and `Cache-Control: no-cache` or `max-age=0` reaches the engine as `fresh`.
 */
import { Engine } from "@headgate/engine";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { asksForFreshData } from "./fresh-request.ts";
import { annotationPreference, includesAnnotation } from "./include-annotations.ts";
import { type ODataTestClient, odataTestClient } from "./odata-test-support.ts";

let gateway: TestGateway;
let odata: ODataTestClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  odata = odataTestClient(gateway, gateway.acme.queryKey);
});
afterAll(() => gateway.close());
afterEach(() => vi.restoreAllMocks());

/** The answer to `path`, and the instants just before it was asked and just after it came. */
async function timed(path: string, headers: Record<string, string> = {}) {
  const before = Date.now();
  const answer = await odata.get(path, headers);
  return { answer, before, after: Date.now() };
}

function expectAsOfWithin(value: unknown, before: number, after: number): void {
  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const asOf = Date.parse(value as string);
  expect(asOf).toBeGreaterThanOrEqual(before);
  expect(asOf).toBeLessThanOrEqual(after);
}

describe("@headgate.asOf", () => {
  it("annotates a collection, read live, with an instant within the request, before its value", async () => {
    for (const path of ["/Jobs?$top=2&$count=true", "/Sample_Rfis?$top=1"]) {
      const { answer, before, after } = await timed(path);
      expect(answer.status, answer.text).toBe(200);
      expectAsOfWithin(answer.body["@headgate.asOf"], before, after);
      const keys = Object.keys(answer.body);
      expect(keys.indexOf("@headgate.asOf")).toBeLessThan(keys.indexOf("value"));
    }
  });

  it("annotates every page of a paged feed", async () => {
    const { pages } = await odata.readAll("/Vendors?$select=Vendor", { prefer: "maxpagesize=25" });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(Date.parse(page.body["@headgate.asOf"])).not.toBeNaN();
  });

  it("annotates a single entity, at metadata minimal and none", async () => {
    for (const accept of ["application/json", "application/json;odata.metadata=none"]) {
      const { answer, before, after } = await timed("/Jobs('23-104')?$select=Job", { accept });
      expect(answer.status, answer.text).toBe(200);
      expectAsOfWithin(answer.body["@headgate.asOf"], before, after);
      expect(answer.body.Job).toBe("23-104");
    }
  });

  it("leaves /$count a bare number", async () => {
    const answer = await odata.get("/Jobs/$count");
    expect(answer.text).toMatch(/^\d+$/);
  });

  it("is left out when the client's include-annotations excludes it, which is echoed", async () => {
    const none = await odata.get("/Jobs?$top=1", { prefer: 'odata.include-annotations="-*"' });
    expect(none.body["@headgate.asOf"]).toBeUndefined();
    expect(none.headers.get("preference-applied")).toBe('odata.include-annotations="-*"');
    const ours = await odata.get("/Jobs('23-104')", { prefer: "include-annotations=headgate.*" });
    expect(ours.body["@headgate.asOf"]).toEqual(expect.any(String));
    const both = await odata.get("/Jobs?$top=1", {
      prefer: 'maxpagesize=5, odata.include-annotations="*,-headgate.asOf"',
    });
    expect(both.body["@headgate.asOf"]).toBeUndefined();
    expect(both.headers.get("preference-applied")).toBe(
      'maxpagesize=5, odata.include-annotations="*,-headgate.asOf"',
    );
  });
});

describe("the include-annotations preference", () => {
  const included = (prefer: string | undefined) =>
    includesAnnotation(annotationPreference(prefer), "headgate.asOf");

  it("includes the annotation when absent, or when the most specific matching pattern includes it", () => {
    expect(included(undefined)).toBe(true);
    expect(included("return=minimal")).toBe(true);
    expect(included('odata.include-annotations="*"')).toBe(true);
    expect(included('odata.include-annotations="-*,headgate.asOf"')).toBe(true);
    expect(included('include-annotations="-Org.*,headgate.*"')).toBe(true);
    expect(included("return=minimal, include-annotations=headgate.asOf")).toBe(true);
  });

  it("excludes it when nothing includes it, or an exclusion is at least as specific", () => {
    expect(included('odata.include-annotations="-*"')).toBe(false);
    expect(included('odata.include-annotations="Org.OData.Core.*"')).toBe(false);
    expect(included('odata.include-annotations="headgate.*,-headgate.asOf"')).toBe(false);
    expect(included('odata.include-annotations="headgate.asOf,-headgate.asOf"')).toBe(false);
  });
});

describe("Cache-Control", () => {
  it("asks for fresh data with no-cache or max-age=0, in any case and among other directives", () => {
    for (const header of ["no-cache", "No-Cache", "max-age=0", 'max-age="0"', "no-store, max-age=0"])
      expect(asksForFreshData(header), header).toBe(true);
    expect(asksForFreshData(["public", "no-cache"])).toBe(true);
    for (const header of [undefined, "", "max-age=60", "no-store", "only-if-cached", "max-age"])
      expect(asksForFreshData(header), String(header)).toBe(false);
  });

  it("reaches the engine as fresh for a collection and for an entity, and only when sent", async () => {
    // A spy that calls through: the real engine answers, the test reads what it was asked.
    const query = vi.spyOn(Engine.prototype, "query");
    expect((await odata.get("/Jobs?$top=1", { "cache-control": "no-cache" })).status).toBe(200);
    expect((await odata.get("/Jobs('23-104')", { "cache-control": "max-age=0" })).status).toBe(200);
    expect((await odata.get("/Jobs?$top=1")).status).toBe(200);
    expect(query.mock.calls.map(([request]) => request.fresh)).toEqual([true, true, undefined]);
  });
});
