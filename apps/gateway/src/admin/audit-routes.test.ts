import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditQuery } from "../audit/audit-query.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const call = (path: string, key = gateway.acme.adminKey) => http(`${gateway.url}/admin${path}`, { key });
const silent = { info: () => {}, warn: () => {} };

describe("admin API: audit log", () => {
  it("lists entries written by queries, newest first, with the key's name", async () => {
    const keyId =
      (await gateway.store.apiKeys.list(gateway.acme.id)).find((k) => k.name === "query")?.id ?? null;
    const principal = { workspaceId: gateway.acme.id, keyId, scopes: ["query" as const] };
    const engine = await gateway.engines.engine(gateway.acme.id);
    const result = await engine.query({ entitySet: "Jobs", options: { top: 2 } });
    auditQuery(gateway.context.audit, silent, principal, {
      door: "odata",
      entitySet: "Jobs",
      query: "Jobs?$top=2",
      plan: result.plan,
      upstreamCalls: result.stats.upstreamCalls,
      rows: result.rows.length,
      durationMs: result.stats.durationMs,
    });
    auditQuery(gateway.context.audit, silent, principal, {
      door: "mcp-http",
      entitySet: "Nope",
      query: "Nope",
      durationMs: 1,
      error: new Error("boom"),
    });
    const answer = await call("/audit");
    expect(answer.status).toBe(200);
    expect(answer.body.value).toHaveLength(2);
    expect(answer.body.value[0]).toMatchObject({
      door: "mcp-http",
      outcome: "error",
      errorCode: "InternalError",
    });
    expect(answer.body.value[1]).toMatchObject({
      door: "odata",
      entitySet: "Jobs",
      query: "Jobs?$top=2",
      rows: 2,
      outcome: "ok",
      keyName: "query",
    });
    expect(answer.body.next).toBeUndefined();
  });

  it("pages with an opaque cursor that neither skips nor repeats entries sharing an instant", async () => {
    const at = new Date("2025-01-01T00:00:00Z");
    for (let i = 0; i < 5; i++)
      await gateway.store.audit.record({
        workspaceId: gateway.acme.id,
        door: "mcp-stdio",
        entitySet: "Jobs",
        query: `page-${i}`,
        upstreamCalls: 1,
        rows: i,
        bytes: 0,
        durationMs: 1,
        outcome: "ok",
        at,
      });
    const seen: string[] = [];
    let path = "/audit?limit=3";
    for (let guard = 0; guard < 10; guard++) {
      const page = await call(path);
      expect(page.status).toBe(200);
      seen.push(...page.body.value.map((e: { id: string }) => e.id));
      if (page.body.next === undefined) break;
      path = `/audit?limit=3&before=${encodeURIComponent(page.body.next)}`;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("lists one door's entries with ?door=, earlier versions' doors included, and pages within them", async () => {
    const at = Date.UTC(2024, 0, 1);
    for (const [i, door] of (["action", "mcp-stdio", "action", "action"] as const).entries())
      await gateway.store.audit.record({
        workspaceId: gateway.acme.id,
        door,
        query: `${door}-${i}`,
        upstreamCalls: 1,
        rows: 1,
        bytes: 0,
        durationMs: 1,
        outcome: "ok",
        at: new Date(at + i),
      });
    const first = await call("/audit?door=action&limit=2");
    expect(first.body.value.map((e: { query: string }) => e.query)).toEqual(["action-3", "action-2"]);
    const rest = await call(`/audit?door=action&limit=2&before=${encodeURIComponent(first.body.next)}`);
    expect(rest.body.value.map((e: { query: string }) => e.query)).toEqual(["action-0"]);
    const legacy = await call("/audit?door=rest");
    expect(legacy.status).toBe(200);
    expect(legacy.body.value).toEqual([]);
  });

  it("refuses a door that does not exist, naming the doors there are", async () => {
    const answer = await call("/audit?door=api");
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidRequest", target: "door" });
    expect(answer.body.error.message).toContain("odata, action, mcp-http, mcp-stdio, admin");
  });

  it("refuses a made-up cursor and an out-of-range limit", async () => {
    const cursor = await call("/audit?before=not-a-cursor");
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.target).toBe("before");
    expect((await call("/audit?limit=0")).status).toBe(400);
    expect((await call("/audit?limit=5000")).status).toBe(400);
  });

  it("shows a workspace only its own entries", async () => {
    const theirs = await call("/audit", gateway.other.adminKey);
    expect(theirs.status).toBe(200);
    expect(theirs.body.value).toEqual([]);
  });
});
