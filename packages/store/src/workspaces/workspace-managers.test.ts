import { beforeAll, expect, it } from "vitest";
import { migrationSource } from "../database/migrations.ts";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, newSecretKey, uniqueName } from "../testing/store-bed.ts";

describeOnEachDatabase("what manages a workspace", (bed) => {
  let store: Store;
  beforeAll(async () => {
    store = await bed.open();
  });

  const managers = async () =>
    Object.fromEntries((await store.workspaces.list()).map((w) => [w.name, w.managedBy]));

  it("is nobody for a new workspace", async () => {
    const created = await store.workspaces.create({ name: uniqueName("fresh") });
    expect(created.managedBy).toBeNull();
    expect(await store.workspaces.get(created.id)).toEqual(created);
  });

  it("is the configuration applied last: it names its workspaces and frees every other one", async () => {
    const [a, b, c] = await Promise.all(
      ["a", "b", "c"].map((p) => store.workspaces.create({ name: uniqueName(p) })),
    );
    await store.workspaces.setManagedWorkspaces([a!.id, b!.id], "the configuration file /srv/one.yaml");
    expect(await managers()).toMatchObject({
      [a!.name]: "the configuration file /srv/one.yaml",
      [b!.name]: "the configuration file /srv/one.yaml",
      [c!.name]: null,
    });
    await store.workspaces.setManagedWorkspaces([c!.id], "the demo's built-in configuration");
    expect(await managers()).toMatchObject({
      [a!.name]: null,
      [b!.name]: null,
      [c!.name]: "the demo's built-in configuration",
    });
    expect((await store.workspaces.findByName(c!.name))?.managedBy).toBe("the demo's built-in configuration");
    await store.workspaces.setManagedWorkspaces([], "");
    expect(Object.values(await managers()).every((m) => m === null)).toBe(true);
  });

  it("is nobody for the workspaces of a store made before it was recorded", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const first = await bed.open(place, { secretKey });
    const workspace = await first.workspaces.create({ name: uniqueName("older") });
    await first.close();
    await bed.raw(place, (knex) =>
      knex.migrate.down({ migrationSource, tableName: "store_migrations", name: "0004_workspace_managers" }),
    );
    const upgraded = await bed.open(place, { secretKey });
    expect(await upgraded.workspaces.get(workspace.id)).toEqual({ ...workspace, managedBy: null });
  });
});
