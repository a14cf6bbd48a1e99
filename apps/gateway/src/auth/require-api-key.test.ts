import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

/** `authorization` is the raw header value, so malformed headers can be sent too. */
const get = (path: string, authorization?: string) =>
  http(`${gateway.url}${path}`, authorization === undefined ? {} : { headers: { authorization } });

describe("API-key authentication", () => {
  it("answers health checks without a key", async () => {
    expect((await get("/healthz")).body).toMatchObject({ status: "ok" });
    expect((await get("/readyz")).body).toMatchObject({
      status: "ready",
      store: "ok",
      connections: { ok: 3, failing: 0 },
    });
  });

  it("tells a caller without a key how to send one", async () => {
    const answer = await get("/admin/keys");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    expect(answer.body.error).toMatchObject({ code: "Unauthorized", target: "Authorization" });
    expect(answer.body.error.message).toContain("Authorization: Bearer");
  });

  it("rejects a header that is not a bearer token, and an unknown key, without echoing it", async () => {
    const basic = await get("/admin/keys", "Basic dXNlcjpwYXNz");
    expect(basic.status).toBe(401);
    expect(basic.body.error.message).toContain("'Bearer <key>'");
    const unknown = await get("/admin/keys", "Bearer hg_acme_notarealkey");
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).not.toContain("notarealkey");
  });

  it("refuses a key without the admin scope on admin routes with 403", async () => {
    const answer = await get("/admin/keys", `Bearer ${gateway.acme.queryKey}`);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: "Forbidden" });
    expect(answer.body.error.message).toContain("'admin' scope");
  });

  it("stops accepting a key once it is revoked", async () => {
    const created = await gateway.store.apiKeys.create(gateway.acme.id, {
      name: "short-lived",
      scopes: ["admin"],
    });
    expect((await get("/admin/keys", `Bearer ${created.plaintext}`)).status).not.toBe(401);
    await gateway.store.apiKeys.revoke(gateway.acme.id, created.apiKey.id);
    expect((await get("/admin/keys", `Bearer ${created.plaintext}`)).status).toBe(401);
  });

  it("answers unknown paths with an OData error that points at the real roots", async () => {
    const answer = await get("/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toContain("/odata");
  });
});
