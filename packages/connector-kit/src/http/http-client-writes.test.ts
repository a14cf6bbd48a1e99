/**
 * JSON writes through the wire client (registering a webhook): the method, the JSON body and the
 * connection's headers go out; a write is repeated only when the upstream refused it unread.
 */
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./http-client.ts";
import { type Answer, contextFor, type LocalServer, startLocalServer } from "./testing/local-server.ts";
import { UpstreamError } from "./upstream-error.ts";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function scripted(...answers: Answer[]): Promise<LocalServer> {
  let next = 0;
  server = await startLocalServer(() => answers[Math.min(next++, answers.length - 1)] ?? {});
  return server;
}

function clientFor(target: LocalServer): HttpClient {
  return new HttpClient({
    baseUrl: target.url,
    service: "Procore",
    headers: { "Procore-Company-Id": "42" },
    requestsPerSecond: Number.POSITIVE_INFINITY,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

describe("JSON writes", () => {
  it("send the method, the body as JSON and the connection's headers, and read the JSON answer", async () => {
    const target = await scripted({ status: 201, body: { id: 7 } });
    const client = clientFor(target);
    const answer = await client.sendJson(
      client.url("/rest/v1.0/webhooks/hooks"),
      { method: "POST", body: { company_id: 42, hook: { namespace: "headgate" } } },
      contextFor(),
    );
    expect(answer).toMatchObject({ status: 201, body: { id: 7 } });
    const [seen] = target.requests;
    expect(seen).toMatchObject({ method: "POST", url: "/rest/v1.0/webhooks/hooks" });
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.headers["procore-company-id"]).toBe("42");
    expect(JSON.parse(seen?.body ?? "")).toEqual({ company_id: 42, hook: { namespace: "headgate" } });
  });

  it("take an empty answer (a DELETE) as no body", async () => {
    const target = await scripted({ status: 200, body: "" });
    const client = clientFor(target);
    const answer = await client.sendJson(client.url("/hooks/1"), { method: "DELETE" }, contextFor());
    expect(answer.body).toBeNull();
    expect(target.requests[0]).toMatchObject({ method: "DELETE", body: "" });
  });

  it("repeat a write the upstream rate limited, which it did not read", async () => {
    const target = await scripted({ status: 429, headers: { "retry-after": "0" }, body: "slow down" }, {});
    const client = clientFor(target);
    await client.sendJson(client.url("/hooks"), { method: "POST", body: {} }, contextFor());
    expect(target.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("never repeat a write that failed otherwise, since it may have taken effect", async () => {
    const target = await scripted({ status: 503, body: "busy" }, {});
    const client = clientFor(target);
    const write = client.sendJson(client.url("/hooks"), { method: "POST", body: {} }, contextFor());
    await expect(write).rejects.toBeInstanceOf(UpstreamError);
    expect(target.requests).toHaveLength(1);
  });
});
