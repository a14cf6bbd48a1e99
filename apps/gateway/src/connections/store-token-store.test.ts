import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeTokenStore } from "./store-token-store.ts";

let dir: string;
let store: Store;
let workspaceId: string;
let connectionId: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-tokens-"));
  store = await openStore({ dataDir: dir, env: {} });
  workspaceId = (await store.workspaces.create({ name: "acme" })).id;
  connectionId = (
    await store.connections.create(workspaceId, { name: "procore", kind: "procore", settings: {} })
  ).id;
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const tokens = (refresh: string) => ({
  accessToken: `access-${refresh}`,
  refreshToken: refresh,
  expiresAt: new Date(Date.UTC(2030, 0, 1)),
});

describe("a connection's OAuth tokens in the store", () => {
  it("starts empty, then keeps what was saved, sealed", async () => {
    const tokenStore = storeTokenStore(store, workspaceId, connectionId);
    expect(await tokenStore.load()).toBeUndefined();
    await tokenStore.save(tokens("r1"));
    expect(await tokenStore.load()).toEqual(tokens("r1"));
  });

  it("lets only one of two replicas rotate a single-use refresh token; the other adopts the winner's", async () => {
    const a = storeTokenStore(store, workspaceId, connectionId);
    const b = storeTokenStore(store, workspaceId, connectionId);
    const [first, second] = await Promise.all([
      a.rotate("r1", tokens("from-a")),
      b.rotate("r1", tokens("from-b")),
    ]);
    const outcomes = [first, second];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const loser = outcomes.find((o) => !o.ok);
    const stored = await a.load();
    expect(loser).toEqual({ ok: false, current: stored });
    expect(["from-a", "from-b"]).toContain(stored?.refreshToken);
  });
});
