import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ context: { isConfigManaged: () => true } });
});
afterAll(() => gateway.close());

const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });

describe("admin API on a workspace declared in headgate.yaml", () => {
  it("refuses every connection write with 409 ManagedByConfig and changes nothing", async () => {
    const before = (await call("/connections")).body;
    const writes = [
      await call("/connections", { json: { name: "new", kind: "memory" } }),
      await call("/connections/sage", { method: "PATCH", json: { name: "renamed" } }),
      await call("/connections/sage", { method: "DELETE" }),
    ];
    for (const answer of writes) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe("ManagedByConfig");
      expect(answer.body.error.message).toContain(
        "workspace 'acme' is declared in headgate.yaml; change the file instead",
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
});
