import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ProcoreTestServer, startProcoreTestServer } from "../procore-test-client.ts";
import type { ProcoreUsage } from "./usage-counter.ts";

let server: ProcoreTestServer;
let path: string;
beforeAll(async () => {
  server = await startProcoreTestServer({ rateLimitPerHour: 3 });
  path = `/rest/v1.0/projects?company_id=${server.data.company.id}`;
});
afterAll(() => server.close());
beforeEach(async () => {
  server.sim.faults.reset();
  await fetch(`${server.sim.url}/_simulator/usage/reset`, { method: "POST" });
});

async function usage(): Promise<ProcoreUsage> {
  return (await (await fetch(`${server.sim.url}/_simulator/usage`)).json()) as ProcoreUsage;
}

describe("the simulator's request count", () => {
  it("counts every API answer per token, 429s among them, and token requests apart", async () => {
    const token = await server.token();
    const other = { authorization: `Bearer ${token}` };
    await server.get(path);
    await server.get(path, { "procore-company-id": undefined });
    for (let i = 0; i < 4; i++) await server.get(path, other);
    const counted = await usage();
    expect(counted).toMatchObject({ requests: 6, rateLimited: 1, oauthRequests: 1 });
    expect(counted.byToken[token]).toEqual({ requests: 4, rateLimited: 1 });
    expect(
      Object.values(counted.byToken)
        .map((c) => c.requests)
        .sort(),
    ).toEqual([2, 4]);
  });

  it("counts answers a fault switch forced, and calls without a token by address", async () => {
    server.sim.faults.set({ unavailable: { times: 1 }, rateLimit: { times: 1, retryAfterSeconds: 1 } });
    expect((await server.get(path)).status).toBe(429);
    expect((await server.get(path)).status).toBe(503);
    expect((await server.get(path, { authorization: undefined })).status).toBe(401);
    const counted = await usage();
    expect(counted).toMatchObject({ requests: 3, rateLimited: 1, oauthRequests: 0 });
    expect(counted.byToken["address:127.0.0.1"]).toEqual({ requests: 1, rateLimited: 0 });
  });

  it("starts afresh on reset, and is readable in process too", async () => {
    await server.get(path, { authorization: undefined });
    expect(server.definition.usage().requests).toBe(1);
    const reset = (await (
      await fetch(`${server.sim.url}/_simulator/usage/reset`, { method: "POST" })
    ).json()) as ProcoreUsage;
    expect(reset).toMatchObject({ requests: 0, rateLimited: 0, oauthRequests: 0, byToken: {} });
    expect(Date.parse(reset.since)).not.toBeNaN();
    server.definition.resetUsage();
    expect(server.definition.usage().requests).toBe(0);
  });
});
