import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, type Place, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";
import { hashApiKey } from "./api-key-secret.ts";
import { AUTHENTICATION_CACHE_MS } from "./authentication-cache.ts";

const MINUTE = 60_000;

describeOnEachDatabase("API keys", (bed) => {
  let store: Store;
  let place: Place;
  let clock = Date.UTC(2025, 0, 1);
  let workspace: Workspace;
  beforeAll(async () => {
    place = await bed.place();
    store = await bed.open(place, { now: () => clock });
  });
  beforeEach(async () => {
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
  });

  describe("create", () => {
    it("returns the plaintext once, as hg_<workspace>_<base62>, and a record without it", async () => {
      const created = await store.apiKeys.create(workspace.id, { name: "Custom GPT", scopes: ["query"] });
      expect(created.plaintext).toMatch(new RegExp(`^hg_${workspace.name}_[A-Za-z0-9]{43}$`));
      expect(created.apiKey).toMatchObject({
        workspaceId: workspace.id,
        name: "Custom GPT",
        scopes: ["query"],
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(created.plaintext.startsWith(created.apiKey.prefix)).toBe(true);
      expect(created.apiKey.prefix.length).toBeLessThan(created.plaintext.length - 30);
      expect(JSON.stringify(created)).not.toContain(created.plaintext);
      expect(JSON.stringify(await store.apiKeys.list(workspace.id))).not.toContain(created.plaintext);
    });

    it("stores only the hash: the plaintext is nowhere in the database", async () => {
      const { plaintext } = await store.apiKeys.create(workspace.id, { name: "scan me", scopes: ["admin"] });
      const raw = await bed.dump(place);
      expect(raw.includes(plaintext)).toBe(false);
      expect(raw.includes(plaintext.slice(-20))).toBe(false);
      expect(raw.includes(hashApiKey(plaintext))).toBe(true);
    });

    it("refuses a duplicate active name with a Conflict and keeps one key", async () => {
      await store.apiKeys.create(workspace.id, { name: "ci", scopes: ["query"] });
      await expect(
        store.apiKeys.create(workspace.id, { name: "CI", scopes: ["query"] }),
      ).rejects.toMatchObject({
        code: "Conflict",
        status: 409,
        target: "CI",
        message: expect.stringContaining("'CI'"),
      });
      expect(await store.apiKeys.list(workspace.id)).toHaveLength(1);
    });

    it("frees a name once its key is revoked", async () => {
      const first = await store.apiKeys.create(workspace.id, { name: "ci", scopes: ["query"] });
      await store.apiKeys.revoke(workspace.id, first.apiKey.id);
      await expect(
        store.apiKeys.create(workspace.id, { name: "ci", scopes: ["query"] }),
      ).resolves.toBeDefined();
    });

    it.each([[[]], [["read"]], [["query", "superuser"]]])(
      "refuses scopes %j, listing the valid ones",
      async (scopes) => {
        await expect(
          store.apiKeys.create(workspace.id, { name: "bad", scopes: scopes as never }),
        ).rejects.toMatchObject({
          code: "InvalidInput",
          target: "scopes",
          message: expect.stringContaining("'query', 'admin', 'operator'"),
        });
      },
    );

    it("deduplicates scopes in canonical order", async () => {
      const { apiKey } = await store.apiKeys.create(workspace.id, {
        name: "both",
        scopes: ["operator", "admin", "query", "admin"],
      });
      expect(apiKey.scopes).toEqual(["query", "admin", "operator"]);
    });
  });

  describe("authenticate", () => {
    it("answers the workspace, key and scopes for a valid key", async () => {
      const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, {
        name: "mcp",
        scopes: ["query"],
      });
      expect(await store.apiKeys.authenticate(plaintext)).toEqual({
        workspaceId: workspace.id,
        keyId: apiKey.id,
        scopes: ["query"],
      });
    });

    it("answers null for unknown, altered, empty or oversized keys", async () => {
      const { plaintext } = await store.apiKeys.create(workspace.id, { name: "mcp", scopes: ["query"] });
      for (const attempt of [
        `${plaintext}x`,
        plaintext.slice(0, -1),
        "",
        "hg_nope_123",
        "x".repeat(10_000),
      ]) {
        expect(await store.apiKeys.authenticate(attempt)).toBeNull();
      }
    });

    it("answers null once the key is revoked; revoking twice keeps the first time", async () => {
      const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, {
        name: "old",
        scopes: ["query"],
      });
      const revoked = await store.apiKeys.revoke(workspace.id, apiKey.id);
      expect(revoked.revokedAt).toEqual(new Date(clock));
      expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
      clock += MINUTE;
      expect((await store.apiKeys.revoke(workspace.id, apiKey.id)).revokedAt).toEqual(revoked.revokedAt);
    });

    it("refuses a key revoked through this store at once, even one it has just authenticated", async () => {
      const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, {
        name: "hot",
        scopes: ["query"],
      });
      expect(await store.apiKeys.authenticate(plaintext)).toMatchObject({ keyId: apiKey.id });
      await store.apiKeys.revoke(workspace.id, apiKey.id);
      expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
    });

    it("honours a revocation made by another replica within the cache time", async () => {
      const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, {
        name: "shared",
        scopes: ["query"],
      });
      expect(await store.apiKeys.authenticate(plaintext)).toMatchObject({ keyId: apiKey.id });
      await bed.raw(place, (knex) => knex("api_keys").where({ id: apiKey.id }).update({ revoked_at: clock }));
      expect(await store.apiKeys.authenticate(plaintext)).toMatchObject({ keyId: apiKey.id });
      clock += AUTHENTICATION_CACHE_MS;
      expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
    });

    it("forgets the keys of a deleted workspace", async () => {
      const doomed = await store.workspaces.create({ name: uniqueName("doomed") });
      const { plaintext } = await store.apiKeys.create(doomed.id, { name: "k", scopes: ["query"] });
      expect(await store.apiKeys.authenticate(plaintext)).not.toBeNull();
      await store.workspaces.delete(doomed.id);
      expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
    });

    it("records last use at most once a minute", async () => {
      const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, {
        name: "busy",
        scopes: ["query"],
      });
      const start = clock;
      await store.apiKeys.authenticate(plaintext);
      expect((await store.apiKeys.get(workspace.id, apiKey.id)).lastUsedAt).toEqual(new Date(start));
      clock += 30_000;
      await store.apiKeys.authenticate(plaintext);
      expect((await store.apiKeys.get(workspace.id, apiKey.id)).lastUsedAt).toEqual(new Date(start));
      clock += 30_000;
      await store.apiKeys.authenticate(plaintext);
      expect((await store.apiKeys.get(workspace.id, apiKey.id)).lastUsedAt).toEqual(new Date(start + MINUTE));
    });
  });

  describe("list and get", () => {
    it("lists name, scopes, prefix and times, newest first", async () => {
      await store.apiKeys.create(workspace.id, { name: "first", scopes: ["query"] });
      clock += 1000;
      await store.apiKeys.create(workspace.id, { name: "second", scopes: ["admin"] });
      const list = await store.apiKeys.list(workspace.id);
      expect(list.map((k) => k.name)).toEqual(["second", "first"]);
      expect(Object.keys(list[0]!).sort()).toEqual(
        ["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scopes", "workspaceId"].sort(),
      );
    });

    it("get and revoke of an unknown key are NotFound", async () => {
      await expect(store.apiKeys.get(workspace.id, "nope")).rejects.toMatchObject({ code: "NotFound" });
      await expect(store.apiKeys.revoke(workspace.id, "nope")).rejects.toMatchObject({ code: "NotFound" });
    });
  });

  describe("bootstrap key (HEADGATE_API_KEY)", () => {
    const operatorKey = () => `operator-${uniqueName("key")}-long-enough`;

    it("is created once and authenticates; repeating it changes nothing", async () => {
      const plaintext = operatorKey();
      const first = await store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["query", "admin"]);
      const again = await store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["query", "admin"]);
      expect(again).toEqual(first);
      expect(first).toMatchObject({ name: "bootstrap", scopes: ["query", "admin"] });
      expect(first.prefix).not.toContain(plaintext.slice(0, 10));
      expect(await store.apiKeys.list(workspace.id)).toHaveLength(1);
      expect(await store.apiKeys.authenticate(plaintext)).toMatchObject({
        workspaceId: workspace.id,
        keyId: first.id,
      });
    });

    it("survives two replicas bootstrapping at once", async () => {
      const plaintext = operatorKey();
      const [a, b] = await Promise.all([
        store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["admin"]),
        store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["admin"]),
      ]);
      expect(a.id).toBe(b.id);
      expect(await store.apiKeys.list(workspace.id)).toHaveLength(1);
    });

    it("replaces (and revokes) the previous bootstrap key when the variable changes", async () => {
      const old = operatorKey();
      const oldKey = await store.apiKeys.ensureBootstrapKey(workspace.id, old, ["admin"]);
      const next = operatorKey();
      const nextKey = await store.apiKeys.ensureBootstrapKey(workspace.id, next, ["admin"]);
      expect(nextKey.id).not.toBe(oldKey.id);
      expect(await store.apiKeys.authenticate(old)).toBeNull();
      expect(await store.apiKeys.authenticate(next)).toMatchObject({ keyId: nextKey.id });
    });

    it("keeps a bootstrap key an admin revoked revoked", async () => {
      const plaintext = operatorKey();
      const key = await store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["admin"]);
      await store.apiKeys.revoke(workspace.id, key.id);
      const again = await store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["admin"]);
      expect(again.revokedAt).not.toBeNull();
      expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
    });

    it("refuses a key that is too short, naming the variable but not the value", async () => {
      const error = await store.apiKeys
        .ensureBootstrapKey(workspace.id, "short-key", ["admin"])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "InvalidInput", target: "HEADGATE_API_KEY" });
      expect((error as Error).message).not.toContain("short-key");
    });

    it("refuses a key that already belongs to another workspace", async () => {
      const plaintext = operatorKey();
      await store.apiKeys.ensureBootstrapKey(workspace.id, plaintext, ["admin"]);
      const other = await store.workspaces.create({ name: uniqueName("other") });
      await expect(store.apiKeys.ensureBootstrapKey(other.id, plaintext, ["admin"])).rejects.toMatchObject({
        code: "Conflict",
        target: "HEADGATE_API_KEY",
      });
    });
  });
});
