import { inspect } from "node:util";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../errors.ts";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";

const SECRET = "pr0core-client-secret-9f3a";

describeOnEachDatabase("connections", (bed) => {
  let store: Store;
  let workspace: Workspace;
  beforeAll(async () => {
    store = await bed.open();
  });
  beforeEach(async () => {
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
  });

  const procore = () =>
    store.connections.create(workspace.id, {
      name: "Procore",
      kind: "procore",
      settings: { baseUrl: "https://api.procore.test", companyId: 42, scopes: ["read"] },
      secrets: { clientId: "client-id-1", clientSecret: SECRET },
    });

  describe("create, read, list, delete", () => {
    it("creates a connection and reads it back with secret names but no values", async () => {
      const created = await procore();
      expect(created).toMatchObject({
        workspaceId: workspace.id,
        name: "Procore",
        kind: "procore",
        settings: { baseUrl: "https://api.procore.test", companyId: 42, scopes: ["read"] },
        secretNames: ["clientId", "clientSecret"],
      });
      const read = await store.connections.get(workspace.id, created.id);
      expect(read).toEqual(created);
      expect(JSON.stringify(read)).not.toContain(SECRET);
      expect(await store.connections.findByName(workspace.id, "procore")).toEqual(created);
    });

    it("lists the workspace's connections by name", async () => {
      await store.connections.create(workspace.id, { name: "Sage", kind: "sage300" });
      await procore();
      const list = await store.connections.list(workspace.id);
      expect(list.map((c) => [c.name, c.secretNames])).toEqual([
        ["Procore", ["clientId", "clientSecret"]],
        ["Sage", []],
      ]);
      expect(JSON.stringify(list)).not.toContain(SECRET);
    });

    it("deletes a connection with its secrets and tokens", async () => {
      const created = await procore();
      await store.oauthTokens.set(workspace.id, created.id, {
        accessToken: "a",
        refreshToken: "r",
        expiresAt: null,
      });
      await store.connections.delete(workspace.id, created.id);
      await expect(store.connections.get(workspace.id, created.id)).rejects.toMatchObject({
        code: "NotFound",
      });
      await expect(store.connections.revealSecrets(workspace.id, created.id)).rejects.toMatchObject({
        code: "NotFound",
      });
      expect(await store.oauthTokens.get(workspace.id, created.id)).toBeUndefined();
      await expect(store.connections.delete(workspace.id, created.id)).rejects.toMatchObject({
        code: "NotFound",
      });
    });

    it("refuses a connection in a workspace that does not exist", async () => {
      await expect(
        store.connections.create("00000000-0000-0000-0000-000000000000", { name: "X", kind: "sql" }),
      ).rejects.toMatchObject({ code: "NotFound", message: expect.stringContaining("Workspace") });
    });
  });

  describe("secrets", () => {
    it("are revealed only through revealSecrets, which logs and serialises redacted", async () => {
      const created = await procore();
      const secrets = await store.connections.revealSecrets(workspace.id, created.id);
      expect({ ...secrets }).toEqual({ clientId: "client-id-1", clientSecret: SECRET });
      expect(Object.keys(secrets)).toEqual(["clientId", "clientSecret"]);
      expect(JSON.stringify(secrets)).toBe('{"clientId":"••••","clientSecret":"••••"}');
      expect(inspect(secrets)).not.toContain(SECRET);
      expect(`${inspect({ nested: secrets })}`).not.toContain(SECRET);
    });

    it("update sets the named secrets, removes those set to null and keeps the rest", async () => {
      const created = await procore();
      const updated = await store.connections.update(workspace.id, created.id, {
        secrets: { clientSecret: "rotated-secret", clientId: null, webhookKey: "whk" },
      });
      expect(updated.secretNames).toEqual(["clientSecret", "webhookKey"]);
      expect({ ...(await store.connections.revealSecrets(workspace.id, created.id)) }).toEqual({
        clientSecret: "rotated-secret",
        webhookKey: "whk",
      });
    });

    it("refuses settings that look like secrets, pointing to secrets instead", async () => {
      const error = await store.connections
        .create(workspace.id, {
          name: "Sql",
          kind: "sql",
          settings: { host: "db", auth: { password: SECRET } },
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "InvalidInput", target: "settings.auth.password" });
      expect((error as StoreError).message).toMatch(/put it in the connection's secrets/);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(await store.connections.list(workspace.id)).toEqual([]);
    });

    it("names a bad secret without echoing any value", async () => {
      const error = await store.connections
        .create(workspace.id, {
          name: "Sql",
          kind: "sql",
          secrets: { password: SECRET, "bad name": SECRET },
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "InvalidInput", target: "secrets.bad name" });
      expect(`${(error as Error).message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(SECRET);
    });

    it("refuses an empty secret value", async () => {
      await expect(
        store.connections.create(workspace.id, { name: "Sql", kind: "sql", secrets: { password: "" } }),
      ).rejects.toMatchObject({ code: "InvalidInput", target: "secrets.password" });
    });
  });

  describe("duplicate names", () => {
    it("refuses a second connection with the same name (ignoring case) and writes nothing", async () => {
      await procore();
      const error = await store.connections
        .create(workspace.id, { name: "PROCORE", kind: "procore", secrets: { clientSecret: "other" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: "Conflict", status: 409, target: "PROCORE" });
      expect((error as StoreError).message).toContain("'PROCORE' already exists");
      const list = await store.connections.list(workspace.id);
      expect(list).toHaveLength(1);
      expect({ ...(await store.connections.revealSecrets(workspace.id, list[0]!.id)) }).toMatchObject({
        clientSecret: SECRET,
      });
    });

    it("allows the same name in another workspace", async () => {
      await procore();
      const other = await store.workspaces.create({ name: uniqueName("other") });
      await expect(
        store.connections.create(other.id, { name: "Procore", kind: "procore" }),
      ).resolves.toMatchObject({
        name: "Procore",
      });
    });
  });

  describe("updates are atomic", () => {
    it("renames, re-kinds and replaces settings in one go", async () => {
      const created = await procore();
      const updated = await store.connections.update(workspace.id, created.id, {
        name: "Procore EU",
        settings: { baseUrl: "https://eu.procore.test" },
      });
      expect(updated).toMatchObject({
        name: "Procore EU",
        kind: "procore",
        settings: { baseUrl: "https://eu.procore.test" },
      });
      expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
      expect(await store.connections.get(workspace.id, created.id)).toEqual(updated);
    });

    it("leaves secrets and fields untouched when a rename fails midway on a duplicate", async () => {
      const created = await procore();
      await store.connections.create(workspace.id, { name: "Sage", kind: "sage300" });
      const error = await store.connections
        .update(workspace.id, created.id, {
          name: "sage",
          settings: { baseUrl: "https://changed.test" },
          secrets: { clientSecret: "half-written?", extra: "new" },
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "Conflict", target: "sage" });
      expect(await store.connections.get(workspace.id, created.id)).toEqual(created);
      expect({ ...(await store.connections.revealSecrets(workspace.id, created.id)) }).toEqual({
        clientId: "client-id-1",
        clientSecret: SECRET,
      });
    });

    it("validates everything before writing anything", async () => {
      const created = await procore();
      await expect(
        store.connections.update(workspace.id, created.id, { name: "ok name", kind: "Not A Kind" }),
      ).rejects.toMatchObject({ code: "InvalidInput", target: "kind" });
      expect(await store.connections.get(workspace.id, created.id)).toEqual(created);
    });

    it("is NotFound for an unknown connection", async () => {
      await expect(
        store.connections.update(workspace.id, "00000000-0000-0000-0000-000000000000", { name: "x" }),
      ).rejects.toMatchObject({ code: "NotFound" });
    });
  });

  describe("input rules", () => {
    it.each([
      [{ name: "", kind: "sql" }, "name"],
      [{ name: " padded", kind: "sql" }, "name"],
      [{ name: "x".repeat(65), kind: "sql" }, "name"],
      [{ name: "ok", kind: "SQL" }, "kind"],
      [{ name: "ok", kind: "sql", settings: [] as never }, "settings"],
      [{ name: "ok", kind: "sql", settings: { n: Number.NaN } }, "settings.n"],
    ])("refuses %j at %s", async (input, target) => {
      await expect(store.connections.create(workspace.id, input)).rejects.toMatchObject({
        code: "InvalidInput",
        target,
      });
    });
  });
});
