import type { ProcoreRfi } from "@headgate/demo-world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProcoreTestServer, startProcoreTestServer } from "../procore-test-client.ts";

let server: ProcoreTestServer;
let base: string;
let rfis: readonly ProcoreRfi[];
beforeAll(async () => {
  server = await startProcoreTestServer({ perPageMax: 50 });
  const busiest = [...server.data.tools].sort((a, b) => b.rfis.length - a.rfis.length)[0]!;
  rfis = busiest.rfis;
  base = `/rest/v1.0/projects/${busiest.projectId}/rfis`;
});
afterAll(() => server.close());

function links(response: Response): Record<string, string> {
  const header = response.headers.get("link");
  if (!header) return {};
  return Object.fromEntries(
    header.split(", ").map((part) => {
      const [, target = "", rel = ""] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel, target];
    }),
  );
}

const pageOf = (target: string) => new URL(target).searchParams.get("page");

describe("Procore paging", () => {
  it("has enough RFIs on the busiest project to page through", () => {
    expect(rfis.length).toBeGreaterThan(30);
  });

  it("on page 1 gives Total, Per-Page, and links to next and last only", async () => {
    const response = await server.get(`${base}?per_page=10`);
    expect(response.headers.get("total")).toBe(String(rfis.length));
    expect(response.headers.get("per-page")).toBe("10");
    const rels = links(response);
    expect(Object.keys(rels)).toEqual(["last", "next"]);
    expect(pageOf(rels.next!)).toBe("2");
    expect(pageOf(rels.last!)).toBe(String(Math.ceil(rfis.length / 10)));
    expect(((await response.json()) as ProcoreRfi[]).map((r) => r.id)).toEqual(
      rfis.slice(0, 10).map((r) => r.id),
    );
  });

  it("on page 2 adds first but not prev; from page 3 on, prev too", async () => {
    expect(Object.keys(links(await server.get(`${base}?per_page=10&page=2`)))).toEqual([
      "first",
      "last",
      "next",
    ]);
    const third = links(await server.get(`${base}?per_page=10&page=3`));
    expect(Object.keys(third)).toEqual(["first", "prev", "last", "next"]);
    expect(pageOf(third.prev!)).toBe("2");
    expect(pageOf(third.first!)).toBe("1");
  });

  it("omits next on the last page", async () => {
    const last = Math.ceil(rfis.length / 10);
    const response = await server.get(`${base}?per_page=10&page=${last}`);
    expect(links(response).next).toBeUndefined();
    expect(((await response.json()) as unknown[]).length).toBe(rfis.length - (last - 1) * 10);
  });

  it("gives absolute links that keep the request's filters and lead through every item once", async () => {
    const seen: number[] = [];
    let target: string | undefined = `${server.sim.url}${base}?filters[status]=closed&per_page=7`;
    while (target) {
      const response = await server.get(target.slice(server.sim.url.length));
      seen.push(...((await response.json()) as ProcoreRfi[]).map((r) => r.id));
      target = links(response).next;
      if (target) expect(target.startsWith(`${server.sim.url}${base}?`)).toBe(true);
      if (target) expect(new URL(target).searchParams.get("filters[status]")).toBe("closed");
    }
    expect(seen).toEqual(rfis.filter((r) => r.status === "closed").map((r) => r.id));
  });

  it("returns an empty page past the end, with the same Total", async () => {
    const response = await server.get(`${base}?per_page=10&page=999`);
    expect(await response.json()).toEqual([]);
    expect(response.headers.get("total")).toBe(String(rfis.length));
  });

  it("caps the default page size and any per_page at the configured maximum", async () => {
    const defaults = await server.get(base);
    expect(defaults.headers.get("per-page")).toBe("50");
    const capped = await server.get(`${base}?per_page=5000`);
    expect(capped.headers.get("per-page")).toBe("50");
    expect(((await capped.json()) as unknown[]).length).toBe(Math.min(50, rfis.length));
  });

  it("sends no Link header when everything fits on one page", async () => {
    const response = await server.get(`/rest/v1.0/companies`);
    expect(response.headers.get("link")).toBeNull();
    expect(response.headers.get("total")).toBe("1");
  });
});
