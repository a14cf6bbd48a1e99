import { beforeAll, describe, expect, it } from "vitest";
import { StoreError } from "../errors.ts";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, uniqueName } from "../testing/store-bed.ts";

describeOnEachDatabase("workspaces", (bed) => {
  let store: Store;
  beforeAll(async () => {
    store = await bed.open();
  });

  it("creates a workspace and finds it by id, by name and in the list", async () => {
    const name = uniqueName("acme");
    const created = await store.workspaces.create({ name });
    expect(created).toMatchObject({ name });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await store.workspaces.get(created.id)).toEqual(created);
    expect(await store.workspaces.findByName(name)).toEqual(created);
    expect((await store.workspaces.list()).map((w) => w.name)).toContain(name);
  });

  it("refuses a duplicate name with a Conflict naming it, and writes nothing", async () => {
    const name = uniqueName("dup");
    await store.workspaces.create({ name });
    const before = await store.workspaces.list();
    const error = await store.workspaces.create({ name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "Conflict", status: 409, target: name });
    expect((error as StoreError).message).toContain(`'${name}'`);
    expect(await store.workspaces.list()).toEqual(before);
  });

  describe("names are slugs", () => {
    it.each(["", "Acme Builders", "-acme", "acme-", "acme_builders", "a".repeat(41), "ünï"])(
      "refuses %j with the rule and a suggestion",
      async (name) => {
        const error = await store.workspaces.create({ name }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "InvalidInput", status: 400, target: "name" });
        expect((error as StoreError).message).toMatch(/lowercase letters, digits and hyphens/);
      },
    );

    it("suggests the slug of a display name", async () => {
      await expect(store.workspaces.create({ name: "Acme Builders" })).rejects.toThrow(
        /for example 'acme-builders'/,
      );
    });
  });

  it("ensure() creates once and then returns the same workspace", async () => {
    const name = uniqueName("boot");
    const [a, b] = await Promise.all([store.workspaces.ensure(name), store.workspaces.ensure(name)]);
    expect(a).toEqual(b);
    expect(await store.workspaces.ensure(name)).toEqual(a);
  });

  it("get() and delete() of an unknown id are NotFound", async () => {
    await expect(store.workspaces.get("00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({
      code: "NotFound",
      status: 404,
    });
    await expect(store.workspaces.delete("nope")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("delete() cascades to connections, secrets, tokens, keys and audit entries", async () => {
    const workspace = await store.workspaces.create({ name: uniqueName("gone") });
    const connection = await store.connections.create(workspace.id, {
      name: "Procore",
      kind: "procore",
      secrets: { clientSecret: "s3cret-value" },
    });
    await store.oauthTokens.set(workspace.id, connection.id, {
      accessToken: "access",
      refreshToken: "refresh",
      expiresAt: null,
    });
    const { apiKey, plaintext } = await store.apiKeys.create(workspace.id, { name: "ci", scopes: ["query"] });
    await store.audit.record({
      workspaceId: workspace.id,
      keyId: apiKey.id,
      door: "odata",
      entitySet: "Projects",
      query: "$top=1",
      upstreamCalls: 1,
      rows: 1,
      bytes: 10,
      durationMs: 5,
      outcome: "ok",
    });

    await store.workspaces.delete(workspace.id);

    await expect(store.workspaces.get(workspace.id)).rejects.toMatchObject({ code: "NotFound" });
    expect(await store.connections.list(workspace.id)).toEqual([]);
    expect(await store.oauthTokens.get(workspace.id, connection.id)).toBeUndefined();
    expect(await store.apiKeys.list(workspace.id)).toEqual([]);
    expect(await store.apiKeys.authenticate(plaintext)).toBeNull();
    expect(await store.audit.list({ workspaceId: workspace.id })).toEqual([]);
  });
});
