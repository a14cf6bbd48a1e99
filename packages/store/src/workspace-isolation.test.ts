/**
 * Workspace isolation: everything a workspace owns is reachable only with that workspace's id.
 * Workspace A's principal (what `authenticate` answers for A's key) is used against B's rows,
 * and every read, update and delete answers as if the row did not exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyPrincipal } from "./api-keys/api-key-repository.ts";
import type { Store } from "./store.ts";
import { describeOnEachDatabase, uniqueName } from "./testing/store-bed.ts";

describeOnEachDatabase("workspace isolation", (bed) => {
  let store: Store;
  let a: ApiKeyPrincipal;
  let b: { workspaceId: string; connectionId: string; keyId: string; key: string };

  beforeAll(async () => {
    store = await bed.open();
    const workspaceA = await store.workspaces.create({ name: uniqueName("a") });
    const keyA = await store.apiKeys.create(workspaceA.id, { name: "a-admin", scopes: ["admin", "query"] });
    a = (await store.apiKeys.authenticate(keyA.plaintext))!;
    await store.connections.create(workspaceA.id, {
      name: "Procore",
      kind: "procore",
      secrets: { s: "a-secret" },
    });

    const workspaceB = await store.workspaces.create({ name: uniqueName("b") });
    const keyB = await store.apiKeys.create(workspaceB.id, { name: "b-key", scopes: ["query"] });
    const connectionB = await store.connections.create(workspaceB.id, {
      name: "Procore",
      kind: "procore",
      secrets: { s: "b-secret" },
    });
    await store.oauthTokens.set(workspaceB.id, connectionB.id, {
      accessToken: "b-access",
      refreshToken: "b-refresh",
      expiresAt: null,
    });
    await store.audit.record({
      workspaceId: workspaceB.id,
      keyId: keyB.apiKey.id,
      door: "mcp-http",
      entitySet: "Projects",
      query: "b's query",
      upstreamCalls: 1,
      rows: 1,
      bytes: 1,
      durationMs: 1,
      outcome: "ok",
    });
    b = {
      workspaceId: workspaceB.id,
      connectionId: connectionB.id,
      keyId: keyB.apiKey.id,
      key: keyB.plaintext,
    };
  });

  const notFound = { code: "NotFound", status: 404 };

  it("a key answers for its own workspace only", async () => {
    expect(a.workspaceId).not.toBe(b.workspaceId);
    expect((await store.apiKeys.authenticate(b.key))?.workspaceId).toBe(b.workspaceId);
  });

  describe("connections of B, asked for by A", () => {
    it("are not listed", async () => {
      const listed = await store.connections.list(a.workspaceId);
      expect(listed.map((c) => c.workspaceId)).toEqual([a.workspaceId]);
      expect(listed.map((c) => c.id)).not.toContain(b.connectionId);
    });

    it("cannot be read, found by name or have their secrets revealed", async () => {
      await expect(store.connections.get(a.workspaceId, b.connectionId)).rejects.toMatchObject(notFound);
      await expect(store.connections.revealSecrets(a.workspaceId, b.connectionId)).rejects.toMatchObject(
        notFound,
      );
      const sameName = await store.connections.findByName(a.workspaceId, "Procore");
      expect(sameName?.workspaceId).toBe(a.workspaceId);
    });

    it("cannot be updated or deleted, and stay intact", async () => {
      await expect(
        store.connections.update(a.workspaceId, b.connectionId, {
          name: "Hijacked",
          secrets: { s: "a-wrote-this" },
        }),
      ).rejects.toMatchObject(notFound);
      await expect(store.connections.delete(a.workspaceId, b.connectionId)).rejects.toMatchObject(notFound);
      const intact = await store.connections.get(b.workspaceId, b.connectionId);
      expect(intact.name).toBe("Procore");
      expect((await store.connections.revealSecrets(b.workspaceId, b.connectionId)).s).toBe("b-secret");
    });
  });

  describe("API keys of B, asked for by A", () => {
    it("are not listed, cannot be read and cannot be revoked", async () => {
      expect((await store.apiKeys.list(a.workspaceId)).map((k) => k.id)).not.toContain(b.keyId);
      await expect(store.apiKeys.get(a.workspaceId, b.keyId)).rejects.toMatchObject(notFound);
      await expect(store.apiKeys.revoke(a.workspaceId, b.keyId)).rejects.toMatchObject(notFound);
      expect(await store.apiKeys.authenticate(b.key)).not.toBeNull();
    });
  });

  describe("OAuth tokens of B, asked for by A", () => {
    it("cannot be read, set, rotated or deleted", async () => {
      expect(await store.oauthTokens.get(a.workspaceId, b.connectionId)).toBeUndefined();
      const next = { accessToken: "a-access", refreshToken: "a-refresh", expiresAt: null };
      await expect(store.oauthTokens.set(a.workspaceId, b.connectionId, next)).rejects.toMatchObject(
        notFound,
      );
      await expect(
        store.oauthTokens.rotate(a.workspaceId, b.connectionId, "b-refresh", next),
      ).rejects.toMatchObject(notFound);
      await store.oauthTokens.delete(a.workspaceId, b.connectionId);
      expect(await store.oauthTokens.get(b.workspaceId, b.connectionId)).toMatchObject({
        accessToken: "b-access",
        refreshToken: "b-refresh",
      });
    });
  });

  describe("audit of B, asked for by A", () => {
    it("is not listed, and A's key cannot write into B's log", async () => {
      expect((await store.audit.list({ workspaceId: a.workspaceId })).map((e) => e.query)).not.toContain(
        "b's query",
      );
      await expect(
        store.audit.record({
          workspaceId: b.workspaceId,
          keyId: a.keyId,
          door: "odata",
          query: "forged",
          upstreamCalls: 0,
          rows: 0,
          bytes: 0,
          durationMs: 0,
          outcome: "ok",
        }),
      ).rejects.toMatchObject({ code: "InvalidInput" });
      expect((await store.audit.list({ workspaceId: b.workspaceId })).map((e) => e.query)).toEqual([
        "b's query",
      ]);
    });
  });

  it("the database itself refuses a secret row pointing into another workspace", async () => {
    // Defence in depth: even a bug that mixed ids up could not attach A's secret to B's connection.
    const place = await bed.place();
    const other = await bed.open(place);
    const wa = await other.workspaces.create({ name: uniqueName("a") });
    const wb = await other.workspaces.create({ name: uniqueName("b") });
    const cb = await other.connections.create(wb.id, { name: "c", kind: "sql" });
    await expect(
      bed.raw(place, async (knex) => {
        if (place.kind === "sqlite") await knex.raw("pragma foreign_keys = on");
        await knex("connection_secrets").insert({
          workspace_id: wa.id,
          connection_id: cb.id,
          name: "x",
          key_id: "k",
          iv: "i",
          tag: "t",
          ciphertext: "c",
          updated_at: 0,
        });
      }),
    ).rejects.toThrow(/foreign key/i);
  });
});
