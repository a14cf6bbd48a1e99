import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
/** An operator key that lives in workspace acme, as HEADGATE_API_KEY does in its workspace. */
let operator: { key: string; id: string };
beforeAll(async () => {
  gateway = await startTestGateway();
  const created = await gateway.store.apiKeys.create(gateway.acme.id, {
    name: "operator",
    scopes: ["query", "admin", "operator"],
  });
  operator = { key: created.plaintext, id: created.apiKey.id };
});
afterAll(() => gateway.close());

const call = (path: string, init: { method?: string; json?: unknown; key?: string } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: operator.key, ...init });
const workspaceNames = async () =>
  (await call("/workspaces")).body.value.map((w: { name: string }) => w.name) as string[];

describe("admin API: workspaces are the operator's", () => {
  it("refuses every workspace operation to query and workspace admin keys, of any workspace, changing nothing", async () => {
    const before = (await call("/workspaces")).body;
    expect((await http(`${gateway.url}/admin/workspaces`)).status).toBe(401);
    for (const key of [gateway.acme.adminKey, gateway.other.adminKey, gateway.acme.queryKey]) {
      for (const [method, path, json] of [
        ["GET", "/workspaces", undefined],
        ["POST", "/workspaces", { name: "stolen" }],
        ["DELETE", "/workspaces/other", undefined],
        ["DELETE", `/workspaces/${gateway.acme.id}`, undefined],
      ] as const) {
        const answer = await call(path, { method, key, ...(json ? { json } : {}) });
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(answer.body.error.message).toContain("'operator' scope");
      }
    }
    expect((await call("/workspaces")).body).toEqual(before);
    expect((await call("/connections", { key: gateway.other.adminKey })).status).toBe(200);
  });

  it("lists every workspace of the store to an operator, with what manages each", async () => {
    const answer = await call("/workspaces");
    expect(answer.status).toBe(200);
    expect(answer.body.value).toEqual(
      expect.arrayContaining([
        { id: gateway.acme.id, name: "acme", createdAt: expect.any(String), managedBy: null },
        { id: gateway.other.id, name: "other", createdAt: expect.any(String), managedBy: null },
      ]),
    );
  });

  it("creates a workspace with its first admin key, shown once, which administers that workspace only", async () => {
    const created = await call("/workspaces", { json: { name: "beta" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.body).toMatchObject({
      name: "beta",
      managedBy: null,
      adminKey: { name: "admin", scopes: ["query", "admin"] },
    });
    const key: string = created.body.adminKey.key;
    expect(key).toMatch(/^hg_beta_/);
    expect((await call("/connections", { key })).body.value).toEqual([]);
    expect((await call("/keys", { key })).body.value.map((k: { name: string }) => k.name)).toEqual(["admin"]);
    const acmeConnection = (await call("/connections")).body.value[0].id;
    expect((await call(`/connections/${acmeConnection}`, { key })).status).toBe(404);
    expect((await call("/workspaces", { key })).status).toBe(403);
    expect((await call("/keys")).body.value.some((k: { name: string }) => k.name === "admin")).toBe(true);
    expect(await workspaceNames()).toContain("beta");
    expect(JSON.stringify((await call("/workspaces")).body)).not.toContain(key);
  });

  it("refuses a taken or malformed name, a misspelt field and a bad key name, creating nothing", async () => {
    const before = await workspaceNames();
    const taken = await call("/workspaces", { json: { name: "acme" } });
    expect(taken.status).toBe(409);
    const slug = await call("/workspaces", { json: { name: "Not A Slug" } });
    expect(slug.status).toBe(400);
    expect(slug.body.error.message).toContain("for example 'not-a-slug'");
    const misspelt = await call("/workspaces", { json: { name: "gamma", adminKeyNme: "first" } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain("did you mean 'adminKeyName'");
    const badKey = await call("/workspaces", { json: { name: "gamma", adminKeyName: "!!" } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.target).toBe("name");
    expect(await workspaceNames()).toEqual(before);
  });

  it("deletes a workspace with everything in it: its keys stop working at once", async () => {
    const created = await call("/workspaces", { json: { name: "doomed", adminKeyName: "first" } });
    const key: string = created.body.adminKey.key;
    expect((await call("/connections", { key })).status).toBe(200);
    expect((await call("/workspaces/doomed", { method: "DELETE" })).status).toBe(204);
    expect((await call("/connections", { key })).status).toBe(401);
    expect(await workspaceNames()).not.toContain("doomed");
    const again = await call("/workspaces/doomed", { method: "DELETE" });
    expect(again.status).toBe(404);
    const typo = await call("/workspaces/othr", { method: "DELETE" });
    expect(typo.status).toBe(404);
    expect(typo.body.error.message).toContain("did you mean 'other'");
  });

  it("refuses to delete a workspace a configuration manages, and the workspace of the key asking", async () => {
    const manager = "the configuration file /srv/headgate.yaml";
    await gateway.store.workspaces.setManagedWorkspaces([gateway.other.id], manager);
    try {
      const listed = (await call("/workspaces")).body.value.find((w: { name: string }) => w.name === "other");
      expect(listed.managedBy).toBe(manager);
      const managed = await call("/workspaces/other", { method: "DELETE" });
      expect(managed.status).toBe(409);
      expect(managed.body.error.code).toBe("ManagedByConfig");
      expect(managed.body.error.message).toContain(
        `Workspace 'other' is managed by ${manager}, which the gateway applies again at every start, so it cannot be deleted`,
      );
    } finally {
      await gateway.store.workspaces.setManagedWorkspaces([], "");
    }
    const own = await call(`/workspaces/${gateway.acme.id}`, { method: "DELETE" });
    expect(own.status).toBe(409);
    expect(own.body.error.message).toContain("holds the API key of this request");
    expect(await workspaceNames()).toEqual(expect.arrayContaining(["acme", "other"]));
    expect((await call("/connections", { key: gateway.other.adminKey })).status).toBe(200);
  });

  it("lets no workspace admin mint or revoke an operator key; an operator key can", async () => {
    const minted = await call("/keys", {
      key: gateway.acme.adminKey,
      json: { name: "escalated", scopes: ["query", "admin", "operator"] },
    });
    expect(minted.status).toBe(403);
    expect(minted.body.error.message).toContain("a key may only create keys whose scopes it has itself");
    const revoked = await call(`/keys/${operator.id}`, { method: "DELETE", key: gateway.acme.adminKey });
    expect(revoked.status).toBe(403);
    expect((await call("/workspaces")).status).toBe(200);
    const byOperator = await call("/keys", { json: { name: "second operator", scopes: ["operator"] } });
    expect(byOperator.status).toBe(201);
    expect((await call("/workspaces", { key: byOperator.body.key })).status).toBe(200);
    expect((await call("/connections", { key: byOperator.body.key })).status).toBe(403);
  });

  it("documents the workspace operations at /docs", async () => {
    const docs = (await http(`${gateway.url}/docs/json`)).body;
    expect(Object.keys(docs.paths["/admin/workspaces"]).sort()).toEqual(["get", "post"]);
    expect(docs.paths["/admin/workspaces/{workspace}"].delete.operationId).toBe("deleteWorkspace");
    const validation = await new Validator().validate(structuredClone(docs));
    expect(validation.errors ?? []).toEqual([]);
  });
});
