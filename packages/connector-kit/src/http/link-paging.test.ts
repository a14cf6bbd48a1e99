/**
 * Link-header paging: the header as Procore and GitHub-style APIs write it, and a real server
 * whose pages are followed until there is no `next`.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./http-client.ts";
import { parseLinkHeader } from "./link-header.ts";
import { followLinkPages } from "./link-paging.ts";
import { contextFor, type LocalServer, startLocalServer } from "./testing/local-server.ts";
import { UpstreamError } from "./upstream-error.ts";

describe("parseLinkHeader", () => {
  it("reads Procore's header: absolute URLs with bracketed query parameters, one rel each", () => {
    const header =
      '<https://api.procore.com/rest/v1.0/projects/1/rfis?filters[status]=open&page=1&per_page=100>; rel="first", ' +
      '<https://api.procore.com/rest/v1.0/projects/1/rfis?filters[status]=open&page=3&per_page=100>; rel="prev", ' +
      '<https://api.procore.com/rest/v1.0/projects/1/rfis?filters[status]=open&page=9&per_page=100>; rel="last", ' +
      '<https://api.procore.com/rest/v1.0/projects/1/rfis?filters[status]=open&page=5&per_page=100>; rel="next"';
    const links = parseLinkHeader(header);
    expect([...links.keys()].sort()).toEqual(["first", "last", "next", "prev"]);
    expect(links.get("next")).toBe(
      "https://api.procore.com/rest/v1.0/projects/1/rfis?filters[status]=open&page=5&per_page=100",
    );
  });

  it("accepts unquoted and upper-case rels, several rels in one, extra parameters and loose spacing", () => {
    const links = parseLinkHeader(
      '</a?page=2>;rel=next,   </a?page=1> ; title="start" ; REL="first prev" , </a?page=9>; rel=last',
    );
    expect(links.get("next")).toBe("/a?page=2");
    expect(links.get("first")).toBe("/a?page=1");
    expect(links.get("prev")).toBe("/a?page=1");
    expect(links.get("last")).toBe("/a?page=9");
  });

  it("keeps commas inside a URL", () => {
    expect(parseLinkHeader('</rfis?ids=1,2,3&page=2>; rel="next"').get("next")).toBe(
      "/rfis?ids=1,2,3&page=2",
    );
  });

  it("has no links for a missing, empty or malformed header", () => {
    expect(parseLinkHeader(null).size).toBe(0);
    expect(parseLinkHeader("").size).toBe(0);
    expect(parseLinkHeader("https://example.com; rel=next").size).toBe(0);
    expect(parseLinkHeader("</a?page=2>").size).toBe(0);
  });

  it("finds every link of any well-formed header, whatever the order", () => {
    const path = fc.stringMatching(/^\/[a-z0-9/?=&,[\]_.-]{0,30}$/);
    const rel = fc.constantFrom("next", "prev", "first", "last");
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(rel, path), { selector: ([r]) => r, maxLength: 4 }), (links) => {
        const header = links.map(([r, url]) => `<${url}>; rel="${r}"`).join(", ");
        expect(parseLinkHeader(header)).toEqual(new Map(links));
      }),
    );
  });
});

describe("followLinkPages against a real server", () => {
  let server: LocalServer | undefined;
  afterEach(() => server?.close());

  it("follows next until there is none, passing Total along and counting each request", async () => {
    const pages = [[1, 2], [3, 4], [5]];
    server = await startLocalServer((request, self) => {
      const page = Number(new URL(request.url, self.url).searchParams.get("page") ?? "1");
      const headers: Record<string, string> = { Total: "5" };
      if (page < pages.length) headers.Link = `<${self.url}/items?page=${page + 1}>; rel="next"`;
      return { body: pages[page - 1], headers };
    });
    const client = new HttpClient({ baseUrl: server.url, requestsPerSecond: Number.POSITIVE_INFINITY });
    const ctx = contextFor();
    const seen: { body: unknown; total: number | undefined; hasNext: boolean }[] = [];
    for await (const page of followLinkPages(client, client.url("/items"), ctx))
      seen.push({ body: page.response.body, total: page.total, hasNext: page.hasNext });
    expect(seen).toEqual([
      { body: [1, 2], total: 5, hasNext: true },
      { body: [3, 4], total: 5, hasNext: true },
      { body: [5], total: 5, hasNext: false },
    ]);
    expect(ctx.stats.upstreamCalls).toBe(3);
  });

  it("reports no total when the header is absent or not a number", async () => {
    let call = 0;
    server = await startLocalServer(() => {
      call += 1;
      return call === 1 ? { body: [1] } : { body: [2], headers: { Total: "lots" } };
    });
    const client = new HttpClient({ baseUrl: server.url, requestsPerSecond: Number.POSITIVE_INFINITY });
    for (const _ of [1, 2]) {
      for await (const page of followLinkPages(client, client.url("/items"), contextFor()))
        expect(page.total).toBeUndefined();
    }
  });

  it("refuses a next link to another host instead of sending credentials there", async () => {
    server = await startLocalServer(() => ({
      body: [1],
      headers: { Link: '<https://elsewhere.example.com/items?page=2>; rel="next"' },
    }));
    const client = new HttpClient({ baseUrl: server.url, requestsPerSecond: Number.POSITIVE_INFINITY });
    const read = async () => {
      for await (const _ of followLinkPages(client, client.url("/items"), contextFor())) {
      }
    };
    await expect(read()).rejects.toThrow(UpstreamError);
    await expect(read()).rejects.toThrow(/another host/);
    expect(server.requests).toHaveLength(2);
  });
});
