/**
 * How old an Action answer's data is, and how a caller asks for fresh data: queryEntitySet and
 * getEntity answers carry `asOf` (ISO 8601 UTC), and `fresh=true` (what a model can send) or
 * `Cache-Control: no-cache` (what an HTTP client sends) reaches the engine as `fresh`.
 */
import { Engine } from "@headgate/engine";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());
afterEach(() => vi.restoreAllMocks());

const api = (path: string, headers: Record<string, string> = {}) =>
  http(`${gateway.url}/api${path}`, { key: gateway.acme.queryKey, headers });

async function timed(path: string) {
  const before = Date.now();
  const answer = await api(path);
  return { answer, before, after: Date.now() };
}

function expectAsOfWithin(value: unknown, before: number, after: number): void {
  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const asOf = Date.parse(value as string);
  expect(asOf).toBeGreaterThanOrEqual(before);
  expect(asOf).toBeLessThanOrEqual(after);
}

describe("asOf in Action answers", () => {
  it("says when a page of rows was read, right after the entity set's name", async () => {
    const { answer, before, after } = await timed("/entity-sets/Jobs/rows?top=2&select=Job");
    expect(answer.status, answer.text).toBe(200);
    expectAsOfWithin(answer.body.asOf, before, after);
    expect(Object.keys(answer.body).slice(0, 2)).toEqual(["entitySet", "asOf"]);
  });

  it("is on the next page too, and on a row looked up by key", async () => {
    const first = await api("/entity-sets/Vendors/rows?top=5&select=Vendor");
    const {
      answer: next,
      before,
      after,
    } = await timed(`/entity-sets/Vendors/rows?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expectAsOfWithin(next.body.asOf, before, after);
    const entity = await timed("/entity-sets/Jobs/rows/23-104?select=Job");
    expect(entity.answer.status, entity.answer.text).toBe(200);
    expectAsOfWithin(entity.answer.body.asOf, entity.before, entity.after);
    expect(entity.answer.body.row).toEqual({ Job: "23-104" });
  });
});

describe("asking the Action for fresh data", () => {
  it("reaches the engine as fresh from fresh=true or Cache-Control, and only then", async () => {
    // A spy that calls through: the real engine answers, the test reads what it was asked.
    const query = vi.spyOn(Engine.prototype, "query");
    const answers = [
      await api("/entity-sets/Jobs/rows?top=1&fresh=true"),
      await api("/entity-sets/Jobs/rows?top=1", { "cache-control": "no-cache" }),
      await api("/entity-sets/Jobs/rows/23-104?fresh=true"),
      await api("/entity-sets/Jobs/rows/23-104", { "cache-control": "max-age=0" }),
      await api("/entity-sets/Jobs/rows?top=1&fresh=false"),
      await api("/entity-sets/Jobs/rows/23-104"),
    ];
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    expect(query.mock.calls.map(([request]) => request.fresh)).toEqual([
      true,
      true,
      true,
      true,
      undefined,
      undefined,
    ]);
  });

  it("refuses a fresh that is not a boolean, naming it", async () => {
    const answer = await api("/entity-sets/Jobs/rows?top=1&fresh=maybe");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("fresh");
  });
});
