/**
 * The wire client against a real server on 127.0.0.1: what every request carries, which failures
 * are retried and which are not, the one renewal after a 401, the query's deadline and signal,
 * and errors that keep the upstream's message but never a credential.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AuthStrategy } from "./auth-strategy.ts";
import { HttpClient, type HttpClientOptions } from "./http-client.ts";
import {
  type Answer,
  contextFor,
  type Handler,
  type LocalServer,
  startLocalServer,
} from "./testing/local-server.ts";
import { UpstreamError } from "./upstream-error.ts";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering from a script, the last answer repeating once the script runs out. */
async function scripted(...answers: Answer[]): Promise<LocalServer> {
  let next = 0;
  server = await startLocalServer(() => answers[Math.min(next++, answers.length - 1)] ?? {});
  return server;
}

async function serve(handler: Handler): Promise<LocalServer> {
  server = await startLocalServer(handler);
  return server;
}

function clientFor(target: LocalServer, options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    baseUrl: target.url,
    service: "Procore",
    requestsPerSecond: Number.POSITIVE_INFINITY,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** Hands out `token-1`, `token-2`, ... renewing after each rejection. */
function countingAuth(): AuthStrategy & { renewals: number } {
  let current = 1;
  return {
    renewals: 0,
    async headers() {
      return { authorization: `Bearer token-${current}` };
    },
    rejected(sent) {
      if (sent.authorization === `Bearer token-${current}`) {
        current += 1;
        this.renewals += 1;
      }
    },
  };
}

async function failureOf(work: Promise<unknown>): Promise<UpstreamError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe("a request", () => {
  it("carries the fixed headers, the credentials and accept: JSON, and is counted", async () => {
    const target = await scripted({ body: [{ id: 1 }] });
    const client = clientFor(target, { headers: { "Procore-Company-Id": "42" }, auth: countingAuth() });
    const ctx = contextFor();
    const response = await client.getJson(client.url("/rest/v1.0/projects", [["filters[id][]", "1"]]), ctx);
    expect(response.body).toEqual([{ id: 1 }]);
    const [seen] = target.requests;
    expect(seen?.url).toBe("/rest/v1.0/projects?filters%5Bid%5D%5B%5D=1");
    expect(seen?.headers["procore-company-id"]).toBe("42");
    expect(seen?.headers.authorization).toBe("Bearer token-1");
    expect(seen?.headers.accept).toBe("application/json");
    expect(ctx.stats.upstreamCalls).toBe(1);
  });

  it("resolves paths under the base URL's own path", async () => {
    const target = await scripted({ body: {} });
    const client = new HttpClient({
      baseUrl: `${target.url}/api`,
      requestsPerSecond: Number.POSITIVE_INFINITY,
    });
    await client.getJson(client.url("/rest/v1.0/me"), contextFor());
    expect(target.requests[0]?.url).toBe("/api/rest/v1.0/me");
  });
});

describe("retries", () => {
  it("rides out 429s, 503s and 500s, honouring Retry-After, until an answer comes", async () => {
    const target = await scripted(
      {
        status: 429,
        headers: { "Retry-After": "0" },
        body: "You have surpassed the max number of requests for an hour.",
      },
      { status: 503, headers: { "Retry-After": "0" }, body: "<html><body>unavailable</body></html>" },
      { status: 500, body: { errors: "Internal Server Error" } },
      { status: 502, body: "bad gateway" },
      { body: [1, 2, 3] },
    );
    const ctx = contextFor();
    const response = await clientFor(target).getJson(clientFor(target).url("/rfis"), ctx);
    expect(response.body).toEqual([1, 2, 3]);
    expect(target.requests).toHaveLength(5);
    expect(ctx.stats.upstreamCalls).toBe(5);
  });

  it("gives up after maxAttempts with the upstream's status and message", async () => {
    const target = await scripted({ status: 503, body: { errors: "Maintenance until noon" } });
    const client = clientFor(target, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await failureOf(client.getJson(client.url("/rfis"), contextFor()));
    expect(target.requests).toHaveLength(3);
    expect(error.kind).toBe("status");
    expect(error.status).toBe(502);
    expect(error.upstreamStatus).toBe(503);
    expect(error.target).toBe("/rfis");
    expect(error.message).toBe("Procore answered HTTP 503 for /rfis: Maintenance until noon.");
  });

  it("does not retry what will not change: a 404 or a 400 fails at once", async () => {
    for (const status of [404, 400]) {
      const target = await scripted({ status, body: { errors: "Invalid sort attribute 'cost'" } });
      const client = clientFor(target);
      const error = await failureOf(client.getJson(client.url("/rfis"), contextFor()));
      expect(target.requests).toHaveLength(1);
      expect(error.upstreamStatus).toBe(status);
      expect(error.message).toMatch(/Invalid sort attribute 'cost'/);
      await target.close();
      server = undefined;
    }
  });

  it("retries a body that is not JSON, then says so", async () => {
    const target = await scripted({ headers: { "content-type": "application/json" }, body: '[{"id": 1' });
    const client = clientFor(target, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await failureOf(client.getJson(client.url("/rfis"), contextFor()));
    expect(target.requests).toHaveLength(2);
    expect(error.kind).toBe("body");
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("retries when the upstream cannot be reached, then fails as a network error", async () => {
    const gone = await startLocalServer(() => ({}));
    await gone.close();
    const client = clientFor(gone, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await failureOf(client.getJson(client.url("/rfis"), contextFor()));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/^Procore could not be reached/);
  });

  it("treats an attempt that outlives timeoutMs as a failed attempt", async () => {
    await serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { body: [] };
    });
    const client = clientFor(server!, { timeoutMs: 30, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await failureOf(client.getJson(client.url("/rfis"), contextFor()));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/timed out/);
  });
});

describe("credentials", () => {
  it("renews once after a 401 and repeats the request with the new credentials", async () => {
    const target = await serve((request) =>
      request.headers.authorization === "Bearer token-1"
        ? { status: 401, body: { errors: "The access token is invalid" } }
        : { body: ["ok"] },
    );
    const auth = countingAuth();
    const client = clientFor(target, { auth });
    expect((await client.getJson(client.url("/me"), contextFor())).body).toEqual(["ok"]);
    expect(auth.renewals).toBe(1);
    expect(target.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("fails as an auth error when the renewed credentials are refused too", async () => {
    const target = await scripted({ status: 401, body: { errors: "The access token is invalid" } });
    const client = clientFor(target, { auth: countingAuth() });
    const error = await failureOf(client.getJson(client.url("/me"), contextFor()));
    expect(target.requests).toHaveLength(2);
    expect(error.kind).toBe("auth");
    expect(error.message).toBe("Procore refused the credentials (HTTP 401: The access token is invalid).");
  });

  it("never repeats a token the upstream echoes back in its error", async () => {
    const target = await serve((request) => ({
      status: 403,
      body: {
        errors: `Token ${request.headers.authorization} may not read company 42 (access_token=token-1)`,
      },
    }));
    const client = clientFor(target, { auth: countingAuth() });
    const error = await failureOf(client.getJson(client.url("/projects"), contextFor()));
    expect(error.message).not.toMatch(/token-1/);
    expect(error.message).toMatch(/Bearer \[redacted\] may not read company 42/);
    expect(JSON.stringify(error.toJSON())).not.toMatch(/token-1/);
  });
});

describe("the query's deadline and signal", () => {
  it("fails at once with a 429 saying when to retry when a rate limit's wait would pass the deadline", async () => {
    const target = await scripted({ status: 429, headers: { "Retry-After": "30" }, body: "slow down" });
    const client = clientFor(target, { narrowing: "filter on project_id" });
    const error = await failureOf(client.getJson(client.url("/vendors"), contextFor(2_000)));
    expect(target.requests).toHaveLength(1);
    expect([error.kind, error.status, error.code]).toEqual(["budget", 429, "UpstreamRateLimited"]);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(30);
    expect(error.message).toMatch(/Procore is rate limiting this connection \(HTTP 429\) until .*in 3\d s/);
    expect(error.message).toMatch(/narrow the question: filter on project_id/);
  });

  it("fails at once with a 503 saying when to retry when an overload's wait would pass the deadline", async () => {
    const target = await scripted({ status: 503, headers: { "Retry-After": "45" }, body: "busy" });
    const client = clientFor(target);
    const error = await failureOf(client.getJson(client.url("/vendors"), contextFor(2_000)));
    expect(target.requests).toHaveLength(1);
    expect([error.kind, error.status, error.code]).toEqual(["unavailable", 503, "UpstreamUnavailable"]);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(45);
  });

  it("fails with a 504 when only its own backoff would pass the deadline", async () => {
    const target = await scripted({ status: 500, body: "oops" });
    const client = clientFor(target, { retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 } });
    const error = await failureOf(client.getJson(client.url("/vendors"), contextFor(2_000)));
    expect([error.kind, error.status]).toEqual(["deadline", 504]);
    expect(error.message).toMatch(/within the query's time limit .*wait \d s/);
  });

  it("ends a storm of 429s that outlasts its attempts as a 429, not a 502", async () => {
    const target = await scripted({ status: 429, headers: { "Retry-After": "0" }, body: "slow down" });
    const client = clientFor(target, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await failureOf(client.getJson(client.url("/vendors"), contextFor()));
    expect(target.requests).toHaveLength(3);
    expect([error.kind, error.status, error.retryAfterSeconds]).toEqual(["budget", 429, 1]);
  });

  it("does not start an attempt once the deadline has passed", async () => {
    const target = await scripted({ body: [] });
    const client = clientFor(target);
    const ctx = { ...contextFor(), deadline: Date.now() - 1 };
    const error = await failureOf(client.getJson(client.url("/vendors"), ctx));
    expect(error.status).toBe(504);
    expect(target.requests).toHaveLength(0);
  });

  it("stops with the signal's reason when the caller goes away", async () => {
    await serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { body: [] };
    });
    const controller = new AbortController();
    const client = clientFor(server!);
    const pending = client.getJson(client.url("/rfis"), {
      signal: controller.signal,
      deadline: Date.now() + 10_000,
    });
    setTimeout(() => controller.abort(new Error("client disconnected")), 20);
    await expect(pending).rejects.toThrow("client disconnected");
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    await serve(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
      return { body: [] };
    });
    const client = clientFor(server!, { concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => client.getJson(client.url("/rfis"), contextFor())));
    expect(server!.requests).toHaveLength(12);
    expect(peak).toBe(3);
  });
});
