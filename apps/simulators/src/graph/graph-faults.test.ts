import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, type GraphHarness, graphError, jsonOf, startGraph } from "./test-support.ts";

let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraph();
  await graph.get("/sites/root");
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.faults.reset());

async function errorOf(response: Response) {
  const error = await graphError(response);
  expect(error.innerError).toMatchObject({ date: expect.any(String), "request-id": expect.any(String) });
  return error;
}

describe("Graph under forced faults", () => {
  it("throttles with 429 activityLimitReached, Retry-After in seconds and RateLimit headers", async () => {
    graph.sim.faults.set({ rateLimit: { times: 1, retryAfterSeconds: 31 } });
    const response = await graph.get("/sites/root");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("31");
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect(response.headers.get("ratelimit-reset")).toBe("31");
    expect(await errorOf(response)).toMatchObject({
      code: "activityLimitReached",
      message: "The request has been throttled",
      innerError: { code: "throttledRequest" },
    });
    expect((await graph.get("/sites/root")).status).toBe(200);
  });

  it("answers 503 serviceNotAvailable, with Retry-After when given", async () => {
    graph.sim.faults.set({ unavailable: { times: 2, retryAfterSeconds: 10 } });
    const first = await graph.get("/sites/root");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("10");
    expect((await errorOf(first)).code).toBe("serviceNotAvailable");
    graph.sim.faults.set({ unavailable: { times: 1 } });
    expect((await graph.get("/sites/root")).headers.get("retry-after")).toBeNull();
  });

  it("answers a one-off 500 generalException", async () => {
    graph.sim.faults.set({ serverErrorOnce: true });
    const response = await graph.get("/sites/root");
    expect(response.status).toBe(500);
    expect(await errorOf(response)).toMatchObject({
      code: "generalException",
      message: "General exception while processing",
    });
    expect((await graph.get("/sites/root")).status).toBe(200);
  });

  it("renders faults at the token endpoint as OAuth errors, not Graph errors", async () => {
    graph.sim.faults.set({ unavailable: { times: 1, retryAfterSeconds: 5 } });
    const { clientId, clientSecret } = graph.definition.credentials;
    const response = await graph.tokenRequest({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: GRAPH_SCOPE,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect((await jsonOf<{ error: string }>(response)).error).toBe("temporarily_unavailable");
  });

  it("can break the JSON of a Graph answer", async () => {
    graph.sim.faults.set({ brokenJson: { times: 1, mode: "truncated" } });
    await expect((await graph.get("/sites/root")).json()).rejects.toThrow();
  });
});
