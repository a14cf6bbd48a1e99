import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ postgres: true });
});
afterAll(() => gateway.close());

const call = (path: string, init: { method?: string; json?: unknown; key?: string } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });

describe("admin API with the store in Postgres", () => {
  it("creates, tests, updates and deletes a connection, and manages keys", async () => {
    const created = await call("/connections", {
      json: {
        name: "archive",
        kind: "sql",
        settings: { dialect: "sqlite", file: gateway.sageFile, entitySetPrefix: "Archive_" },
        secrets: { password: "s3cr3t-value" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain("s3cr3t-value");
    expect((await call("/connections/ARCHIVE/test", { method: "POST" })).body).toMatchObject({ ok: true });
    const duplicate = await call("/connections", { json: { name: "Archive", kind: "memory" } });
    expect(duplicate.status).toBe(409);
    const patched = await call("/connections/archive", {
      method: "PATCH",
      json: { secrets: { password: null } },
    });
    expect(patched.body.secretNames).toEqual([]);
    expect((await call("/connections/archive", { method: "DELETE" })).status).toBe(204);
    const key = await call("/keys", { json: { name: "pg key", scopes: ["query", "admin"] } });
    expect(
      (await call("/connections", { key: key.body.key })).body.value.map((c: { name: string }) => c.name),
    ).toEqual(["sage", "sample"]);
    expect((await call(`/keys/${key.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call("/audit?limit=1")).status).toBe(200);
  });
});
