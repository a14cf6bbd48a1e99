import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ArcgisTestClient, readJson, SERVICE_PATH } from "./test-support/arcgis-client.ts";

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start();
  await client.signIn();
});
afterAll(() => client.close());
beforeEach(() => client.sim.faults.reset());

const queryUrl = () =>
  client.url(`${SERVICE_PATH}/2/query`, {
    f: "json",
    where: "1=1",
    returnCountOnly: true,
    token: client.token!,
  });

describe("ArcGIS fault switches", () => {
  it("throttles with HTTP 429 and Retry-After, then recovers", async () => {
    client.sim.faults.set({ rateLimit: { times: 1, retryAfterSeconds: 60 } });
    const throttled = await fetch(queryUrl());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("60");
    expect((await readJson(throttled)).error?.code).toBe(429);
    expect((await readJson(await fetch(queryUrl()))).count).toBeGreaterThan(0);
  });

  it("answers 503 with the web adaptor's body when no server machine is reachable", async () => {
    client.sim.faults.set({ unavailable: { times: 1, retryAfterSeconds: 5 } });
    const response = await fetch(queryUrl());
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await readJson(response)).toEqual({
      status: "error",
      messages: ["Could not access any server machines. Please contact your system administrator."],
    });
  });

  it("fails one request with HTTP 500 and an ArcGIS error body", async () => {
    client.sim.faults.set({ serverErrorOnce: true });
    const response = await fetch(queryUrl());
    expect(response.status).toBe(500);
    expect((await readJson(response)).error).toEqual({
      code: 500,
      message: "Error performing query operation",
      details: [],
    });
    expect((await fetch(queryUrl())).status).toBe(200);
  });

  it("breaks JSON bodies on request", async () => {
    client.sim.faults.set({ brokenJson: { times: 1, mode: "truncated" } });
    await expect((await fetch(queryUrl())).json()).rejects.toThrow();
    expect((await readJson(await fetch(queryUrl()))).count).toBeGreaterThan(0);
  });
});
