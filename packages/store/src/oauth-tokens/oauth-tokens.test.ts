import { inspect } from "node:util";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../connections/connection-repository.ts";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";
import type { OAuthTokens } from "./oauth-token-repository.ts";

const EXPIRES = new Date("2030-01-01T00:00:00.000Z");

function tokens(generation: string, refresh: string | null = `refresh-${generation}`): OAuthTokens {
  return { accessToken: `access-${generation}`, refreshToken: refresh, expiresAt: EXPIRES };
}

describeOnEachDatabase("OAuth tokens", (bed) => {
  let store: Store;
  let workspace: Workspace;
  let connection: Connection;
  beforeAll(async () => {
    store = await bed.open();
  });
  beforeEach(async () => {
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
    connection = await store.connections.create(workspace.id, { name: "Procore", kind: "procore" });
  });

  it("has none until set; set stores them and get returns them", async () => {
    expect(await store.oauthTokens.get(workspace.id, connection.id)).toBeUndefined();
    const stored = await store.oauthTokens.set(workspace.id, connection.id, tokens("1"));
    expect(stored).toMatchObject({ ...tokens("1"), connectionId: connection.id, version: 1 });
    expect(await store.oauthTokens.get(workspace.id, connection.id)).toMatchObject({
      ...tokens("1"),
      version: 1,
    });
  });

  it("keeps tokens out of JSON and inspect output", async () => {
    const stored = await store.oauthTokens.set(workspace.id, connection.id, tokens("secret-gen"));
    expect(JSON.stringify(stored)).not.toContain("secret-gen");
    expect(inspect(stored)).not.toContain("secret-gen");
    expect(JSON.parse(JSON.stringify(stored))).toMatchObject({
      accessToken: "••••",
      refreshToken: "••••",
      version: 1,
    });
  });

  it("accepts tokens without a refresh token or an expiry", async () => {
    await store.oauthTokens.set(workspace.id, connection.id, {
      accessToken: "a",
      refreshToken: null,
      expiresAt: null,
    });
    expect(await store.oauthTokens.get(workspace.id, connection.id)).toMatchObject({
      accessToken: "a",
      refreshToken: null,
      expiresAt: null,
    });
  });

  it("refuses tokens for a connection that does not exist", async () => {
    await expect(store.oauthTokens.set(workspace.id, "missing", tokens("1"))).rejects.toMatchObject({
      code: "NotFound",
    });
  });

  it("refuses malformed tokens", async () => {
    await expect(
      store.oauthTokens.set(workspace.id, connection.id, {
        accessToken: "",
        refreshToken: null,
        expiresAt: null,
      }),
    ).rejects.toMatchObject({ code: "InvalidInput", target: "accessToken" });
  });

  describe("rotate", () => {
    it("swaps in the next tokens when the expected refresh token is current", async () => {
      await store.oauthTokens.set(workspace.id, connection.id, tokens("1"));
      const rotation = await store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("2"));
      expect(rotation).toMatchObject({ outcome: "rotated", tokens: { ...tokens("2"), version: 2 } });
      expect(await store.oauthTokens.get(workspace.id, connection.id)).toMatchObject(tokens("2"));
    });

    it("answers a conflict with the current tokens when the expected refresh token is stale", async () => {
      await store.oauthTokens.set(workspace.id, connection.id, tokens("1"));
      await store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("2"));
      const late = await store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("late"));
      expect(late).toMatchObject({ outcome: "conflict", tokens: tokens("2") });
      expect(await store.oauthTokens.get(workspace.id, connection.id)).toMatchObject(tokens("2"));
    });

    it("lets exactly one of two concurrent rotations win; the loser gets the winner's tokens", async () => {
      await store.oauthTokens.set(workspace.id, connection.id, tokens("1"));
      const [a, b] = await Promise.all([
        store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("a")),
        store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("b")),
      ]);
      const outcomes = [a.outcome, b.outcome].sort();
      expect(outcomes).toEqual(["conflict", "rotated"]);
      const winner = a.outcome === "rotated" ? a : b;
      const loser = a.outcome === "rotated" ? b : a;
      expect(loser.tokens).toMatchObject({
        accessToken: winner.tokens.accessToken,
        refreshToken: winner.tokens.refreshToken,
      });
      const stored = await store.oauthTokens.get(workspace.id, connection.id);
      expect(stored).toMatchObject({ refreshToken: winner.tokens.refreshToken, version: 2 });
    });

    it("never loses a token across many racing rotations", async () => {
      await store.oauthTokens.set(workspace.id, connection.id, tokens("0"));
      let current = "refresh-0";
      for (let round = 1; round <= 5; round++) {
        const results = await Promise.all(
          [1, 2, 3, 4].map((racer) =>
            store.oauthTokens.rotate(workspace.id, connection.id, current, tokens(`${round}.${racer}`)),
          ),
        );
        const winners = results.filter((r) => r.outcome === "rotated");
        expect(winners).toHaveLength(1);
        current = winners[0]!.tokens.refreshToken!;
        for (const r of results) expect(r.tokens.refreshToken).toBe(current);
      }
      expect(await store.oauthTokens.get(workspace.id, connection.id)).toMatchObject({
        refreshToken: current,
        version: 6,
      });
    });

    it("is NotFound when no tokens are stored", async () => {
      await expect(
        store.oauthTokens.rotate(workspace.id, connection.id, "refresh-1", tokens("2")),
      ).rejects.toMatchObject({ code: "NotFound", message: expect.stringContaining("authorise it first") });
    });
  });

  it("delete removes the tokens", async () => {
    await store.oauthTokens.set(workspace.id, connection.id, tokens("1"));
    await store.oauthTokens.delete(workspace.id, connection.id);
    expect(await store.oauthTokens.get(workspace.id, connection.id)).toBeUndefined();
  });
});
