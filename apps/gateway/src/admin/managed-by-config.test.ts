import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

const MANAGER = "the configuration file /srv/headgate/headgate.yaml";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
  // What a gateway applying that file records; this one reads it from the store like every replica.
  await gateway.store.workspaces.setManagedWorkspaces([gateway.acme.id], MANAGER);
});
afterAll(() => gateway.close());

const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });

describe("admin API on a workspace a configuration manages", () => {
  it("refuses every connection write with 409 ManagedByConfig naming the configuration, and changes nothing", async () => {
    const before = (await call("/connections")).body;
    const writes = [
      await call("/connections", { json: { name: "new", kind: "memory" } }),
      await call("/connections/sage", { method: "PATCH", json: { name: "renamed" } }),
      await call("/connections/sage", { method: "DELETE" }),
    ];
    for (const answer of writes) {
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: "ManagedByConfig", target: "workspace" });
      expect(answer.body.error.message).toBe(
        `Workspace 'acme' is managed by ${MANAGER}, which the gateway applies again at every start, so its connections cannot be changed through the admin API or the CLI: the change would be undone. Change that configuration instead, or keep your own connections in a workspace of your own.`,
      );
    }
    expect((await call("/connections")).body).toEqual(before);
  });

  it("still answers reads, tests, keys and the audit log", async () => {
    expect((await call("/connections/sage")).status).toBe(200);
    expect((await call("/connections/sample/test", { method: "POST" })).body.ok).toBe(true);
    expect((await call("/connections/sample/entity-sets")).status).toBe(200);
    expect((await call("/keys", { json: { name: "still allowed" } })).status).toBe(201);
    expect((await call("/audit")).status).toBe(200);
  });

  it("leaves the workspaces the configuration does not manage to their admins", async () => {
    const other = await http(`${gateway.url}/admin/connections`, {
      key: gateway.other.adminKey,
      json: { name: "mine", kind: "memory", settings: { entitySetPrefix: "Mine_" } },
    });
    expect(other.status).toBe(201);
  });
});
