import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, type Place, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";
import { AUDIT_DOORS, LEGACY_AUDIT_DOORS, type NewAuditEntry } from "./audit-entry.ts";

describeOnEachDatabase("audit log", (bed) => {
  let store: Store;
  let place: Place;
  let workspace: Workspace;
  let keyId: string;
  beforeAll(async () => {
    place = await bed.place();
    store = await bed.open(place);
  });
  beforeEach(async () => {
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
    keyId = (await store.apiKeys.create(workspace.id, { name: "gpt", scopes: ["query"] })).apiKey.id;
  });

  const entry = (overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
    workspaceId: workspace.id,
    keyId,
    door: "odata",
    entitySet: "Projects",
    query: "$filter=Status eq 'Open'&$top=10",
    pushed: "Status eq 'Open'; top 10",
    residual: null,
    upstreamCalls: 2,
    rows: 10,
    bytes: 4_096,
    durationMs: 37,
    outcome: "ok",
    ...overrides,
  });

  it("records who asked, through which door, what was pushed and what it cost", async () => {
    const at = new Date("2025-03-01T12:00:00.000Z");
    const recorded = await store.audit.record(entry({ at, residual: "contains(Name,'x')" }));
    expect(recorded).toEqual({
      id: expect.any(String),
      workspaceId: workspace.id,
      keyId,
      door: "odata",
      entitySet: "Projects",
      query: "$filter=Status eq 'Open'&$top=10",
      pushed: "Status eq 'Open'; top 10",
      residual: "contains(Name,'x')",
      upstreamCalls: 2,
      rows: 10,
      bytes: 4_096,
      durationMs: 37,
      outcome: "ok",
      errorCode: null,
      at,
    });
    expect(await store.audit.list({ workspaceId: workspace.id })).toEqual([recorded]);
  });

  it("records failures with their error code, and queries without a key (stdio MCP)", async () => {
    const failed = await store.audit.record(
      entry({
        door: "mcp-stdio",
        keyId: null,
        outcome: "error",
        errorCode: "UnknownProperty",
        rows: 0,
        bytes: 0,
      }),
    );
    expect(failed).toMatchObject({
      door: "mcp-stdio",
      keyId: null,
      outcome: "error",
      errorCode: "UnknownProperty",
    });
  });

  it("records each door as the client reached it, and lists the entries of one door", async () => {
    for (const door of AUDIT_DOORS) await store.audit.record(entry({ door, query: `via ${door}` }));
    const all = await store.audit.list({ workspaceId: workspace.id });
    expect(all.map((e) => e.door).sort()).toEqual([...AUDIT_DOORS].sort());
    for (const door of AUDIT_DOORS)
      expect((await store.audit.list({ workspaceId: workspace.id, door })).map((e) => e.query)).toEqual([
        `via ${door}`,
      ]);
  });

  it("reads and filters the entries earlier versions wrote with their doors (rest, mcp, cli)", async () => {
    const at = Date.UTC(2024, 5, 1);
    await bed.raw(place, (knex) =>
      knex("audit_log").insert(
        LEGACY_AUDIT_DOORS.map((door, i) => ({
          workspace_id: workspace.id,
          key_id: null,
          door,
          query: `old ${door}`,
          upstream_calls: 1,
          rows: 1,
          bytes: 10,
          duration_ms: 5,
          outcome: "ok",
          at: at + i,
        })),
      ),
    );
    await store.audit.record(entry({ door: "action", query: "new" }));
    const all = await store.audit.list({ workspaceId: workspace.id });
    expect(all.map((e) => [e.door, e.query])).toEqual([
      ["action", "new"],
      ["cli", "old cli"],
      ["mcp", "old mcp"],
      ["rest", "old rest"],
    ]);
    const rest = await store.audit.list({ workspaceId: workspace.id, door: "rest" });
    expect(rest.map((e) => e.query)).toEqual(["old rest"]);
  });

  it("keeps large byte counts exact", async () => {
    const big = await store.audit.record(entry({ bytes: 12_345_678_901, rows: 3_000_000_000 }));
    expect((await store.audit.list({ workspaceId: workspace.id }))[0]).toMatchObject({
      id: big.id,
      bytes: 12_345_678_901,
      rows: 3_000_000_000,
    });
  });

  it("lists newest first and pages with `before` without skipping entries that share an instant", async () => {
    const base = Date.UTC(2025, 0, 1);
    const instants = [base + 3, base + 1, base + 2, base + 2, base + 2, base];
    for (const [i, ms] of instants.entries())
      await store.audit.record(entry({ at: new Date(ms), query: `q${i}` }));

    const all = await store.audit.list({ workspaceId: workspace.id, limit: 100 });
    expect(all.map((e) => e.at.getTime() - base)).toEqual([3, 2, 2, 2, 1, 0]);

    const pages: string[][] = [];
    let before: (typeof all)[number] | undefined;
    for (;;) {
      const page = await store.audit.list({
        workspaceId: workspace.id,
        limit: 2,
        ...(before ? { before } : {}),
      });
      if (page.length === 0) break;
      pages.push(page.map((e) => e.query));
      before = page.at(-1);
    }
    expect(pages.flat()).toEqual(all.map((e) => e.query));
    expect(pages).toHaveLength(3);

    const olderThan = await store.audit.list({ workspaceId: workspace.id, before: new Date(base + 2) });
    expect(olderThan.map((e) => e.at.getTime() - base)).toEqual([1, 0]);
  });

  it("lists only the workspace's own entries", async () => {
    const other = await store.workspaces.create({ name: uniqueName("other") });
    await store.audit.record(entry({ query: "mine" }));
    await store.audit.record(entry({ workspaceId: other.id, keyId: null, query: "theirs" }));
    expect((await store.audit.list({ workspaceId: workspace.id })).map((e) => e.query)).toEqual(["mine"]);
    expect((await store.audit.list({ workspaceId: other.id })).map((e) => e.query)).toEqual(["theirs"]);
  });

  it("refuses an entry attributed to another workspace's key", async () => {
    const other = await store.workspaces.create({ name: uniqueName("other") });
    await expect(store.audit.record(entry({ workspaceId: other.id }))).rejects.toMatchObject({
      code: "InvalidInput",
      target: "keyId",
    });
    expect(await store.audit.list({ workspaceId: other.id })).toEqual([]);
  });

  it("caps very long query text instead of failing the audit", async () => {
    const recorded = await store.audit.record(entry({ query: "x".repeat(20_000) }));
    expect(recorded.query.length).toBeLessThanOrEqual(8_192);
    expect(recorded.query.endsWith("…")).toBe(true);
  });

  describe("bad entries", () => {
    it.each([
      [{ door: "smtp" }, "door"],
      // Earlier versions' doors are read, never written: a new entry names the door it came through.
      [{ door: "rest" }, "door"],
      [{ door: "mcp" }, "door"],
      [{ outcome: "maybe" }, "outcome"],
      [{ rows: -1 }, "rows"],
      [{ durationMs: 1.5 }, "durationMs"],
    ])("refuses %j at %s", async (overrides, target) => {
      await expect(store.audit.record(entry(overrides as Partial<NewAuditEntry>))).rejects.toMatchObject({
        code: "InvalidInput",
        target,
      });
    });

    it("refuses to filter by a door that no entry can have, naming the doors there are", async () => {
      const error = await store.audit
        .list({ workspaceId: workspace.id, door: "smtp" as "odata" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "InvalidInput", target: "door" });
      expect((error as Error).message).toContain("odata, action, mcp-http, mcp-stdio, admin, rest, mcp, cli");
    });

    it.each([0, 1001, 2.5])("refuses limit %s", async (limit) => {
      await expect(store.audit.list({ workspaceId: workspace.id, limit })).rejects.toMatchObject({
        code: "InvalidInput",
        target: "limit",
      });
    });
  });
});
