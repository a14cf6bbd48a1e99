/**
 * A long query reaches the query language's own limits: the gateway reads request lines far
 * longer than Node's 16 KiB default, and a request longer still is refused with the OData error
 * body naming the limit, not cut off with a bare status.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { MAX_REQUEST_HEAD_BYTES } from "./request-size.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway?.close();
});

const jobsNotIn = (count: number) =>
  Array.from({ length: count }, (_, i) => `Job ne 'ZZ-${String(i).padStart(4, "0")}'`).join(" and ");

describe("the length of a request", () => {
  it("serves a filter of 1,000 terms (about 30 KB of URL) on /odata and /api alike", async () => {
    const filter = jobsNotIn(1_000);
    expect(encodeURIComponent(filter).length).toBeGreaterThan(16 * 1024);
    const key = gateway.acme.queryKey;
    const all = await http(`${gateway.url}/odata/Jobs?$select=Job&$count=true`, { key });
    const viaOData = await http(
      `${gateway.url}/odata/Jobs?$select=Job&$count=true&$filter=${encodeURIComponent(filter)}`,
      { key },
    );
    expect(viaOData.status, viaOData.text).toBe(200);
    expect(viaOData.body["@odata.count"]).toBe(all.body["@odata.count"]);
    const viaApi = await http(
      `${gateway.url}/api/entity-sets/Jobs/rows?${new URLSearchParams({ filter, select: "Job" })}`,
      { key },
    );
    expect(viaApi.status, viaApi.text).toBe(200);
  });

  it("refuses a request longer than the gateway reads with a 431 naming the limit and the fix", async () => {
    const filter = `Job in (${Array.from({ length: 8_000 }, (_, i) => `'J-${i}'`).join(",")})`;
    expect(filter.length).toBeGreaterThan(MAX_REQUEST_HEAD_BYTES);
    const answer = await http(`${gateway.url}/odata/Jobs?$filter=${encodeURIComponent(filter)}`, {
      key: gateway.acme.queryKey,
    });
    expect(answer.status).toBe(431);
    expect(answer.body.error).toMatchObject({ code: "QueryLimitExceeded", target: "url" });
    expect(answer.body.error.message).toContain("65,536 bytes");
    expect(answer.body.error.message).toContain("in (");
  });

  it("takes an entity key longer than Fastify's default path parameter (100 characters)", async () => {
    const key = "X".repeat(300);
    const answer = await http(`${gateway.url}/api/entity-sets/Jobs/rows/${key}`, {
      key: gateway.acme.queryKey,
    });
    expect(answer.status, answer.text).toBe(404);
    expect(answer.body.error.code).not.toBe("FST_ERR_MAX_PARAM_LENGTH");
  });
});
