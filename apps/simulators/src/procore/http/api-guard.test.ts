import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CLIENT,
  form,
  type ProcoreTestServer,
  readJson,
  startProcoreTestServer,
  type TokenPair,
} from "../procore-test-client.ts";

let server: ProcoreTestServer;
let projectsPath: string;
beforeAll(async () => {
  server = await startProcoreTestServer();
  projectsPath = `/rest/v1.0/projects?company_id=${server.data.company.id}`;
});
afterAll(() => server.close());
beforeEach(() => server.sim.faults.reset());

function expectRateLimitHeaders(response: Response) {
  expect(response.headers.get("x-rate-limit-limit")).toBe("3600");
  expect(Number(response.headers.get("x-rate-limit-remaining"))).toBeGreaterThanOrEqual(0);
  expect(Number(response.headers.get("x-rate-limit-reset"))).toBeGreaterThan(Date.now() / 1000);
}

describe("every Procore API call", () => {
  it("needs a valid bearer token: 401 'The access token is invalid' with the Doorkeeper challenge", async () => {
    for (const authorization of [undefined, "Bearer not-a-token"]) {
      const response = await server.get(projectsPath, { authorization });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ errors: "The access token is invalid" });
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("needs the Procore-Company-Id header, naming this company", async () => {
    const missing = await server.get(projectsPath, { "procore-company-id": undefined });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: "Missing Procore-Company-Id header!" });
    const other = await server.get(projectsPath, { "procore-company-id": "12345" });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ errors: "App is not connected to this company" });
  });

  it("lets a signed-in user list companies without the header, but not a service account", async () => {
    const asServiceAccount = await server.get("/rest/v1.0/companies", { "procore-company-id": undefined });
    expect(asServiceAccount.status).toBe(400);
    const code = server.definition.mintAuthorizationCode();
    const pair = await readJson<TokenPair>(
      await fetch(
        `${server.sim.url}/oauth/token`,
        form({
          grant_type: "authorization_code",
          code,
          redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
          ...CLIENT,
        }),
      ),
    );
    const asUser = await server.get("/rest/v1.0/companies", {
      authorization: `Bearer ${pair.access_token}`,
      "procore-company-id": undefined,
    });
    expect(asUser.status).toBe(200);
    expect(await asUser.json()).toEqual([server.data.company]);
  });

  it("carries the rate-limit headers and a request id, on success and on errors alike", async () => {
    const ok = await server.get(projectsPath);
    expectRateLimitHeaders(ok);
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expectRateLimitHeaders(await server.get(projectsPath, { "procore-company-id": undefined }));
    expectRateLimitHeaders(await server.get("/rest/v1.0/projects/1/rfis"));
  });

  it("counts down the hourly budget per token", async () => {
    const first = Number((await server.get(projectsPath)).headers.get("x-rate-limit-remaining"));
    const second = Number((await server.get(projectsPath)).headers.get("x-rate-limit-remaining"));
    expect(second).toBe(first - 1);
  });

  it("answers unknown paths with a JSON 404", async () => {
    const response = await server.get("/rest/v1.0/no_such_tool");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: "Not Found" });
  });
});

describe("Procore's throttling and outages", () => {
  it("answers past the hourly limit with 429, the rate-limit headers, Retry-After and Procore's message", async () => {
    const tight = await startProcoreTestServer({ rateLimitPerHour: 2 });
    try {
      const path = `/rest/v1.0/projects?company_id=${tight.data.company.id}`;
      expect((await tight.get(path)).status).toBe(200);
      expect((await tight.get(path)).headers.get("x-rate-limit-remaining")).toBe("0");
      const limited = await tight.get(path);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("x-rate-limit-limit")).toBe("2");
      expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
      const reset = Number(limited.headers.get("x-rate-limit-reset"));
      expect(reset - Date.now() / 1000).toBeGreaterThan(3500);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3500);
      expect(await limited.text()).toBe(
        "You have surpassed the max number of requests for an hour. Please wait until your limit resets.",
      );
      // Another token has its own budget.
      const other = await tight.get(path, { authorization: `Bearer ${await tight.token()}` });
      expect(other.status).toBe(200);
    } finally {
      await tight.close();
    }
  });

  it("with a spike window, describes the tighter window and answers a burst past it with 429", async () => {
    let now = Date.parse("2025-06-11T18:00:00Z");
    const spiky = await startProcoreTestServer({ rateLimitPerHour: 600, spikeLimit: 3, now: () => now });
    try {
      const path = `/rest/v1.0/projects?company_id=${spiky.data.company.id}`;
      const first = await spiky.get(path);
      expect(first.headers.get("x-rate-limit-limit")).toBe("3");
      expect(first.headers.get("x-rate-limit-remaining")).toBe("2");
      expect(first.headers.get("x-rate-limit-reset")).toBe(String(now / 1000 + 10));
      // A failed call spends the budget too.
      expect((await spiky.get(path, { "procore-company-id": undefined })).status).toBe(400);
      expect((await spiky.get(path)).status).toBe(200);
      now += 4_000;
      const limited = await spiky.get(path);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("x-rate-limit-limit")).toBe("3");
      expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
      expect(limited.headers.get("retry-after")).toBe("6");
      expect(await limited.text()).toMatch(/^You have surpassed the max number of requests/);
      now += 6_000;
      const recovered = await spiky.get(path);
      expect(recovered.status).toBe(200);
      expect(recovered.headers.get("x-rate-limit-remaining")).toBe("2");
    } finally {
      await spiky.close();
    }
  });

  it("renders the forced 429 the same way, then recovers", async () => {
    server.sim.faults.set({ rateLimit: { times: 1, retryAfterSeconds: 7 } });
    const limited = await server.get(projectsPath);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    const reset = Number(limited.headers.get("x-rate-limit-reset")) - Date.now() / 1000;
    expect(reset).toBeGreaterThan(5);
    expect(reset).toBeLessThanOrEqual(8);
    expect(await limited.text()).toMatch(/^You have surpassed the max number of requests/);
    expect((await server.get(projectsPath)).status).toBe(200);
  });

  it("answers a forced outage with 503 and Retry-After, and a one-off failure with 500", async () => {
    server.sim.faults.set({ unavailable: { times: 1, retryAfterSeconds: 30 }, serverErrorOnce: true });
    const unavailable = await server.get(projectsPath);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("30");
    expectRateLimitHeaders(unavailable);
    const failed = await server.get(projectsPath);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ errors: "Internal Server Error" });
    expect((await server.get(projectsPath)).status).toBe(200);
  });

  it("refuses every token while rejectTokens is on", async () => {
    server.sim.faults.set({ rejectTokens: true });
    const refused = await server.get(projectsPath);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ errors: "The access token is invalid" });
    server.sim.faults.reset();
    expect((await server.get(projectsPath)).status).toBe(200);
  });

  it("can cut a JSON body short", async () => {
    server.sim.faults.set({ brokenJson: { times: 1, mode: "truncated" } });
    await expect((await server.get(projectsPath)).json()).rejects.toThrow();
  });
});
