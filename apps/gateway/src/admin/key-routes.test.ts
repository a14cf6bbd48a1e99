import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const call = (path: string, init: { method?: string; json?: unknown; key?: string } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });

describe("admin API: API keys", () => {
  it("lists the workspace's keys without any key material", async () => {
    const answer = await call("/keys");
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((k: { name: string }) => k.name).sort()).toEqual(["admin", "query"]);
    expect(answer.body.value[0]).toMatchObject({ revokedAt: null });
    expect(answer.body.value[0].prefix).toMatch(/^hg_acme_/);
    expect(answer.text).not.toContain(gateway.acme.adminKey);
    expect(answer.text).not.toContain(gateway.acme.queryKey);
  });

  it("creates a key, shows it once, and the key works with its scopes", async () => {
    const created = await call("/keys", { json: { name: "reporting", scopes: ["query"] } });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.body).toMatchObject({ name: "reporting", scopes: ["query"], revokedAt: null });
    expect(created.body.key).toMatch(/^hg_acme_/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const listed = await call("/keys");
    expect(listed.text).not.toContain(created.body.key);
    expect(listed.body.value.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect((await call("/keys", { key: created.body.key })).status).toBe(403);
    expect(await gateway.store.apiKeys.authenticate(created.body.key)).toMatchObject({
      workspaceId: gateway.acme.id,
      scopes: ["query"],
    });
  });

  it("defaults to the query scope, and an admin key it creates can administer", async () => {
    expect((await call("/keys", { json: { name: "default-scope" } })).body.scopes).toEqual(["query"]);
    const admin = await call("/keys", { json: { name: "second admin", scopes: ["admin", "query"] } });
    expect(admin.body.scopes).toEqual(["query", "admin"]);
    expect((await call("/keys", { key: admin.body.key })).status).toBe(200);
  });

  it("refuses a duplicate active name, an unknown scope and a misspelt field", async () => {
    const duplicate = await call("/keys", { json: { name: "reporting" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("Conflict");
    const scope = await call("/keys", { json: { name: "x", scopes: ["write"] } });
    expect(scope.status).toBe(400);
    const typo = await call("/keys", { json: { name: "x", scope: ["query"] } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain("did you mean 'scopes'");
  });

  it("revokes a key: it stops working at once and is listed as revoked", async () => {
    const created = await call("/keys", { json: { name: "temporary", scopes: ["query", "admin"] } });
    expect((await call("/keys", { key: created.body.key })).status).toBe(200);
    expect((await call(`/keys/${created.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("/keys", { key: created.body.key })).status).toBe(401);
    const listed = (await call("/keys")).body.value.find((k: { id: string }) => k.id === created.body.id);
    expect(listed.revokedAt).toMatch(/^\d{4}-/);
    expect((await call(`/keys/${created.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("/keys/no-such-key", { method: "DELETE" })).status).toBe(404);
  });

  it("lets an admin revoke the key it is using", async () => {
    const self = await call("/keys", { json: { name: "self", scopes: ["query", "admin"] } });
    const revoked = await call(`/keys/${self.body.id}`, { method: "DELETE", key: self.body.key });
    expect(revoked.status).toBe(204);
    expect((await call("/keys", { key: self.body.key })).status).toBe(401);
  });

  it("cannot list or revoke another workspace's keys", async () => {
    const theirs = (await http(`${gateway.url}/admin/keys`, { key: gateway.other.adminKey })).body.value;
    const ids = new Set(theirs.map((k: { id: string }) => k.id));
    expect((await call("/keys")).body.value.some((k: { id: string }) => ids.has(k.id))).toBe(false);
    for (const key of theirs) expect((await call(`/keys/${key.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await http(`${gateway.url}/admin/keys`, { key: gateway.other.adminKey })).status).toBe(200);
  });
});
