import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";
import type { NewOAuthGrant } from "./oauth-grant-repository.ts";

const HOUR = 3600_000;

describeOnEachDatabase("OAuth grants", (bed) => {
  let store: Store;
  let workspace: Workspace;
  let grant: NewOAuthGrant;
  beforeAll(async () => {
    store = await bed.open();
  });
  beforeEach(async () => {
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
    const key = await store.apiKeys.create(workspace.id, { name: "assistant", scopes: ["query"] });
    grant = {
      id: randomBytes(16).toString("hex"),
      workspaceId: workspace.id,
      keyId: key.apiKey.id,
      clientTag: "client-a",
      expiresAt: Date.now() + HOUR,
    };
  });

  describe("opening (an authorization code redeemed)", () => {
    it("opens a grant once; the same code redeemed again revokes it", async () => {
      expect(await store.oauthGrants.open(grant)).toBe("opened");
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(true);
      expect(await store.oauthGrants.open(grant)).toBe("replayed");
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(false);
    });

    it("lets exactly one of several concurrent redemptions open the grant", async () => {
      const outcomes = await Promise.all([1, 2, 3, 4].map(() => store.oauthGrants.open(grant)));
      expect(outcomes.filter((o) => o === "opened")).toHaveLength(1);
    });

    it("is not live once expired, and expired grants are cleared by the next opening", async () => {
      await store.oauthGrants.open({ ...grant, expiresAt: Date.now() - 1 });
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(false);
      expect(await store.oauthGrants.open({ ...grant, id: `${grant.id}-next` })).toBe("opened");
      expect(await store.oauthGrants.open(grant)).toBe("opened");
    });
  });

  describe("rotation (a refresh token used)", () => {
    it("moves to the next generation, so each refresh token works once", async () => {
      await store.oauthGrants.open(grant);
      const expiresAt = Date.now() + 2 * HOUR;
      expect(await store.oauthGrants.rotate(workspace.id, grant.id, 1, expiresAt)).toEqual({
        outcome: "rotated",
        generation: 2,
      });
      expect(await store.oauthGrants.rotate(workspace.id, grant.id, 2, expiresAt)).toEqual({
        outcome: "rotated",
        generation: 3,
      });
    });

    it("revokes the grant when a spent refresh token comes back", async () => {
      await store.oauthGrants.open(grant);
      await store.oauthGrants.rotate(workspace.id, grant.id, 1, grant.expiresAt);
      expect(await store.oauthGrants.rotate(workspace.id, grant.id, 1, grant.expiresAt)).toEqual({
        outcome: "replayed",
      });
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(false);
      expect(await store.oauthGrants.rotate(workspace.id, grant.id, 2, grant.expiresAt)).toEqual({
        outcome: "unknown",
      });
    });

    it("lets one of two concurrent uses of a token rotate, and the other revokes the grant", async () => {
      await store.oauthGrants.open(grant);
      const outcomes = await Promise.all([
        store.oauthGrants.rotate(workspace.id, grant.id, 1, grant.expiresAt),
        store.oauthGrants.rotate(workspace.id, grant.id, 1, grant.expiresAt),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(["replayed", "rotated"]);
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(false);
    });

    it("knows no grant of another workspace, and leaves it alone", async () => {
      await store.oauthGrants.open(grant);
      const other = await store.workspaces.create({ name: uniqueName("other") });
      expect(await store.oauthGrants.rotate(other.id, grant.id, 1, grant.expiresAt)).toEqual({
        outcome: "unknown",
      });
      await store.oauthGrants.revoke(other.id, grant.id);
      expect(await store.oauthGrants.isLive(other.id, grant.id)).toBe(false);
      expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(true);
    });
  });

  it("ends with revoke, and with its workspace", async () => {
    await store.oauthGrants.open(grant);
    await store.oauthGrants.revoke(workspace.id, grant.id);
    expect(await store.oauthGrants.isLive(workspace.id, grant.id)).toBe(false);
    const second = { ...grant, id: `${grant.id}-2` };
    await store.oauthGrants.open(second);
    await store.workspaces.delete(workspace.id);
    expect(await store.oauthGrants.isLive(workspace.id, second.id)).toBe(false);
  });
});
