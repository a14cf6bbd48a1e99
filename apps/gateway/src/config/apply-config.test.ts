import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_LIMITS, type HeadgateConfig } from "@headgate/config";
import { openStore, type Store } from "@headgate/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyConfig } from "./apply-config.ts";

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-apply-"));
  store = await openStore({ dataDir: dir, env: {} });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function config(
  connections: HeadgateConfig["connections"],
  relationships: HeadgateConfig["relationships"] = [],
): HeadgateConfig {
  return { version: 1, workspaces: [{ name: "acme" }], connections, relationships, limits: DEFAULT_LIMITS };
}
const sage = (secrets: Record<string, string> = { password: "first" }) => ({
  name: "sage",
  workspace: "acme",
  kind: "sage300" as const,
  settings: { dialect: "postgres", url: "postgres://reader@db/sage" },
  secrets,
});

const FILE = "the configuration file /srv/headgate.yaml";

describe("applying headgate.yaml to the store", () => {
  it("creates the declared workspaces and connections, secrets sealed", async () => {
    const applied = await applyConfig(store, config([sage()]), FILE);
    const id = applied.workspaces.get("acme")!;
    const [connection] = await store.connections.list(id);
    expect(connection).toMatchObject({ name: "sage", kind: "sage300", secretNames: ["password"] });
    expect(await store.connections.revealSecrets(id, connection!.id)).toEqual({ password: "first" });
    expect(applied.changes.created).toEqual(["acme/sage"]);
  });

  it("changes nothing when applied twice, so engines are not rebuilt needlessly", async () => {
    await applyConfig(store, config([sage()]), FILE);
    const again = await applyConfig(store, config([sage()]), FILE);
    expect(again.changes).toEqual({ created: [], updated: [], removed: [] });
  });

  it("updates a connection whose settings or secrets changed, and drops secrets no longer listed", async () => {
    const first = await applyConfig(store, config([sage({ password: "first", token: "t" })]), FILE);
    const changed = await applyConfig(store, config([sage({ password: "second" })]), FILE);
    expect(changed.changes.updated).toEqual(["acme/sage"]);
    const id = first.workspaces.get("acme")!;
    const [connection] = await store.connections.list(id);
    expect(await store.connections.revealSecrets(id, connection!.id)).toEqual({ password: "second" });
  });

  it("removes connections of a declared workspace that the file no longer lists", async () => {
    const first = await applyConfig(store, config([sage(), { ...sage(), name: "archive" }]), FILE);
    const second = await applyConfig(store, config([sage()]), FILE);
    expect(second.changes.removed).toEqual(["acme/archive"]);
    expect((await store.connections.list(first.workspaces.get("acme")!)).map((c) => c.name)).toEqual([
      "sage",
    ]);
  });

  it("leaves workspaces the file does not declare to the admin API", async () => {
    const own = await store.workspaces.create({ name: "managed-by-hand" });
    await store.connections.create(own.id, { name: "mine", kind: "memory", settings: {} });
    await applyConfig(store, config([sage()]), FILE);
    expect((await store.connections.list(own.id)).map((c) => c.name)).toEqual(["mine"]);
  });

  it("records the file as what manages the declared workspaces, and frees those it no longer declares", async () => {
    const own = await store.workspaces.create({ name: "managed-by-hand" });
    const applied = await applyConfig(store, config([sage()]), FILE);
    const acme = applied.workspaces.get("acme")!;
    expect((await store.workspaces.get(acme)).managedBy).toBe(FILE);
    expect((await store.workspaces.get(own.id)).managedBy).toBeNull();
    await applyConfig(store, { ...config([]), workspaces: [{ name: "managed-by-hand" }] }, FILE);
    expect((await store.workspaces.get(acme)).managedBy).toBeNull();
    expect((await store.workspaces.get(own.id)).managedBy).toBe(FILE);
  });

  it("hands the engine each workspace's relationships by workspace id", async () => {
    const applied = await applyConfig(
      store,
      config(
        [sage()],
        [
          {
            name: "Project",
            workspace: "acme",
            from: { connection: "sage", entitySet: "Jobs", property: "Job" },
            to: { connection: "sage", entitySet: "JobCostTransactions", property: "Job" },
            collection: true,
          },
        ],
      ),
      FILE,
    );
    expect(applied.relationships.get(applied.workspaces.get("acme")!)).toEqual([
      {
        name: "Project",
        from: { entitySet: "Jobs", property: "Job" },
        to: { entitySet: "JobCostTransactions", property: "Job" },
        collection: true,
      },
    ]);
  });
});
