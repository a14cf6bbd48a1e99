/**
 * The wire client under Procore's failures: throttling storms, outages with Retry-After, a
 * one-off 500 mid-paging, tokens expiring mid-paging, concurrent refreshes of a single-use
 * refresh token, and a deadline that runs out. No row may be lost or duplicated.
 */
import { memoryTokenStore, UpstreamError } from "@headgate/connector-kit";
import type { Engine } from "@headgate/engine";
import { readAllPages } from "@headgate/engine/testing";
import { parseQueryOptions } from "@headgate/odata";
import { DEFAULT_PROCORE_CREDENTIALS } from "@headgate/simulators";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { engineOver, type ProcoreFixture, startProcoreFixture } from "./testing/procore-fixture.ts";

let fixture: ProcoreFixture;
let engine: Engine;
let expectedIds: number[];

beforeAll(async () => {
  fixture = await startProcoreFixture(0.1, { perPageMax: 20 });
  engine = await engineOver(fixture.connector());
  expectedIds = fixture.data.tools.flatMap((t) => t.rfis.map((r) => r.id)).sort((a, b) => a - b);
});
afterAll(() => fixture.close());
beforeEach(() => fixture.sim.faults.reset());

async function rfiIds(target: Engine = engine): Promise<number[]> {
  const { pages } = await readAllPages(target, "RFIs", parseQueryOptions("$select=id"), 1000);
  return pages
    .flat()
    .map((r) => r.id as number)
    .sort((a, b) => a - b);
}

describe("reading RFIs through Procore's failures", () => {
  it("rides out a storm of 429s that ask for no wait", async () => {
    fixture.sim.faults.set({ rateLimit: { times: 4, retryAfterSeconds: 0 } });
    expect(await rfiIds()).toEqual(expectedIds);
  });

  it("waits out a 503 with Retry-After", async () => {
    fixture.sim.faults.set({ unavailable: { times: 1, retryAfterSeconds: 1 } });
    expect(await rfiIds()).toEqual(expectedIds);
  });

  it("retries a one-shot 500 in the middle of paging", async () => {
    const scan = fixture.connector().scan({
      entitySet: "RFIs",
      signal: new AbortController().signal,
      deadline: Date.now() + 20_000,
    });
    const ids: number[] = [];
    let pages = 0;
    for await (const page of scan) {
      pages += 1;
      if (pages === 2) fixture.sim.faults.set({ serverErrorOnce: true });
      ids.push(...page.rows.map((r) => r.id as number));
    }
    expect(pages).toBeGreaterThan(3);
    expect(ids.sort((a, b) => a - b)).toEqual(expectedIds);
  });

  it("renews an access token that expires in the middle of paging", async () => {
    const connector = fixture.connector();
    const scan = connector.scan({
      entitySet: "RFIs",
      signal: new AbortController().signal,
      deadline: Date.now() + 20_000,
    });
    const ids: number[] = [];
    let pages = 0;
    for await (const page of scan) {
      pages += 1;
      if (pages === 2) fixture.definition.expireAllTokens();
      ids.push(...page.rows.map((r) => r.id as number));
    }
    expect(ids.sort((a, b) => a - b)).toEqual(expectedIds);
  });

  it("keeps the single-use refresh token when two connectors refresh at once", async () => {
    const code = fixture.definition.mintAuthorizationCode();
    const answer = await fetch(`${fixture.sim.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
        client_id: DEFAULT_PROCORE_CREDENTIALS.clientId,
        client_secret: DEFAULT_PROCORE_CREDENTIALS.clientSecret,
      }).toString(),
    });
    const pair = (await answer.json()) as { access_token: string; refresh_token: string };
    // Stored as already expired, so both connectors must refresh with the same refresh token.
    const store = memoryTokenStore({
      accessToken: pair.access_token,
      refreshToken: pair.refresh_token,
      expiresAt: new Date(0),
    });
    const oauth = { ...DEFAULT_PROCORE_CREDENTIALS, grant: "authorization_code" as const };
    const [a, b] = [fixture.connector({ oauth, tokens: store }), fixture.connector({ oauth, tokens: store })];
    const [idsA, idsB] = await Promise.all([rfiIds(await engineOver(a)), rfiIds(await engineOver(b))]);
    expect(idsA).toEqual(expectedIds);
    expect(idsB).toEqual(expectedIds);
    const stored = await store.load();
    expect(stored?.refreshToken).not.toBe(pair.refresh_token);
    // The stored refresh token is the live one: a third connector can still refresh with it.
    await store.save({ ...stored!, expiresAt: new Date(0) });
    expect(await rfiIds(await engineOver(fixture.connector({ oauth, tokens: store })))).toEqual(expectedIds);
  });

  it("fails at once with a 429 saying when to retry when Procore's wait outlasts the deadline", async () => {
    fixture.sim.faults.set({ rateLimit: { times: 50, retryAfterSeconds: 30 } });
    const scan = fixture
      .connector()
      .scan({ entitySet: "Vendors", signal: new AbortController().signal, deadline: Date.now() + 2_000 });
    const failure = await (async () => {
      try {
        for await (const _ of scan) {
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(UpstreamError);
    const error = failure as UpstreamError;
    expect([error.status, error.code, error.kind]).toEqual([429, "UpstreamRateLimited", "budget"]);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(30);
    expect(error.message).toMatch(
      /^Procore is rate limiting this connection \(HTTP 429\) until .* \(in 3\d s\)/,
    );
    expect(error.message).not.toMatch(/Bearer/);
  });
});

describe("what goes upstream", () => {
  it("reads one project only when the filter names it, and requires it in require-filter mode", async () => {
    const projectId = fixture.data.tools.find((t) => t.rfis.length > 0)!.projectId;
    // A connector of its own: the shared one's token was expired by an earlier test, and the
    // 401 that renews it would count as a call.
    const fresh = await engineOver(fixture.connector());
    const result = await fresh.query({
      entitySet: "RFIs",
      options: parseQueryOptions(`$filter=project_id eq ${projectId}&$top=5&$orderby=id`),
    });
    expect(result.rows.map((r) => r.id)).toEqual(
      fixture.data.tools
        .find((t) => t.projectId === projectId)!
        .rfis.map((r) => r.id)
        .sort((a, b) => a - b)
        .slice(0, 5),
    );
    expect(result.stats.upstreamCalls).toBe(1);
    const strict = await engineOver(fixture.connector({ projectScope: "require-filter" }));
    await expect(strict.query({ entitySet: "RFIs", options: parseQueryOptions("") })).rejects.toThrow(
      /project_id/,
    );
  });
  it("narrows $search with Procore's search only where Procore searches every searched property", async () => {
    const sent: { url: URL; rows: number }[] = [];
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = await response.text();
      const body: unknown = text === "" ? null : JSON.parse(text);
      sent.push({ url: new URL(String(input)), rows: Array.isArray(body) ? body.length : 0 });
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const counted = await engineOver(fixture.connector({ fetch: counting }));
    const rfis = await counted.query({ entitySet: "RFIs", options: parseQueryOptions("$search=slab") });
    const rfiRequests = sent.filter((s) => s.url.pathname.endsWith("/rfis"));
    expect(rfis.rows.length).toBeGreaterThan(0);
    expect(rfiRequests.every((s) => s.url.searchParams.get("search") === "slab")).toBe(true);
    expect(rfiRequests.reduce((n, s) => n + s.rows, 0)).toBe(rfis.rows.length);
    expect(rfis.plan.pushed.search).toBe("slab");

    // Procore's vendor search does not look at trade_name, which $search does: nothing is sent.
    sent.length = 0;
    await counted.query({ entitySet: "Vendors", options: parseQueryOptions("$search=Concrete") });
    expect(sent.some((s) => s.url.searchParams.has("filters[search]"))).toBe(false);
  });
});
