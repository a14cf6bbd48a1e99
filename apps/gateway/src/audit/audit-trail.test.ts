import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NewAuditEntry, openStore, type Store } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AuditTrail } from "./audit-trail.ts";

let store: Store;
let dataDir: string;
let workspaceId: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "headgate-audit-trail-"));
  store = await openStore({ dataDir });
  workspaceId = (await store.workspaces.create({ name: "acme" })).id;
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const silent = { info: () => {}, warn: () => {} };
const entry = (query: string, extra: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  workspaceId,
  door: "odata",
  query,
  upstreamCalls: 1,
  rows: 1,
  bytes: 10,
  durationMs: 1,
  outcome: "ok",
  ...extra,
});
const queries = async () =>
  (await store.audit.list({ workspaceId, limit: 1000 })).map((e) => e.query).reverse();

describe("the audit trail", () => {
  it("writes the entries of a burst together, in one statement, in the order they were made", async () => {
    const trail = new AuditTrail(store, { delayMs: 20 });
    const many = vi.spyOn(store.audit, "recordMany");
    for (let i = 0; i < 30; i++) trail.record(entry(`burst-${i}`), silent);
    await vi.waitFor(async () =>
      expect((await queries()).filter((q) => q.startsWith("burst-"))).toHaveLength(30),
    );
    expect(many).toHaveBeenCalledTimes(1);
    expect((await queries()).filter((q) => q.startsWith("burst-"))).toEqual(
      Array.from({ length: 30 }, (_, i) => `burst-${i}`),
    );
    many.mockRestore();
  });

  it("writes a full batch without waiting", async () => {
    const trail = new AuditTrail(store, { delayMs: 60_000, maxBatch: 3 });
    for (let i = 0; i < 3; i++) trail.record(entry(`full-${i}`), silent);
    await vi.waitFor(async () =>
      expect((await queries()).filter((q) => q.startsWith("full-"))).toHaveLength(3),
    );
  });

  it("writes what is still waiting when flushed (a graceful stop)", async () => {
    const trail = new AuditTrail(store, { delayMs: 60_000 });
    trail.record(entry("waiting"), silent);
    expect(await queries()).not.toContain("waiting");
    await trail.flush();
    expect(await queries()).toContain("waiting");
  });

  it("keeps the good entries of a batch the store refuses, and logs the bad one", async () => {
    const warnings: unknown[] = [];
    const trail = new AuditTrail(store, { delayMs: 60_000 });
    const log = { info: () => {}, warn: (object: unknown) => warnings.push(object) };
    trail.record(entry("good-1"), log);
    trail.record(entry("bad", { keyId: "not-a-key-of-this-workspace" }), log);
    trail.record(entry("good-2"), log);
    await trail.flush();
    const stored = await queries();
    expect(stored).toEqual(expect.arrayContaining(["good-1", "good-2"]));
    expect(stored).not.toContain("bad");
    expect(warnings).toHaveLength(1);
  });
});
