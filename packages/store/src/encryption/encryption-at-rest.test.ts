import { inspect } from "node:util";
import { beforeAll, expect, it } from "vitest";
import type { Store } from "../store.ts";
import { describeOnEachDatabase, type Place, uniqueName } from "../testing/store-bed.ts";
import type { Workspace } from "../workspaces/workspace-repository.ts";

const CLIENT_SECRET = "PLAINTEXT-client-secret-7c1e4b";
const PASSWORD = "PLAINTEXT-sage-password-99aa";
const ACCESS_TOKEN = "PLAINTEXT-access-token-51f0";
const REFRESH_TOKEN = "PLAINTEXT-refresh-token-d2b8";
const API_KEY = "PLAINTEXT-operator-api-key-0a9e";

describeOnEachDatabase("secrets at rest", (bed) => {
  let store: Store;
  let place: Place;
  let workspace: Workspace;
  let connectionId: string;

  beforeAll(async () => {
    place = await bed.place();
    store = await bed.open(place);
    workspace = await store.workspaces.create({ name: uniqueName("acme") });
    const procore = await store.connections.create(workspace.id, {
      name: "Procore Main",
      kind: "procore",
      secrets: { clientSecret: CLIENT_SECRET },
    });
    connectionId = procore.id;
    await store.connections.create(workspace.id, {
      name: "Sage",
      kind: "sage300",
      secrets: { password: PASSWORD },
    });
    await store.oauthTokens.set(workspace.id, procore.id, {
      accessToken: ACCESS_TOKEN,
      refreshToken: REFRESH_TOKEN,
      expiresAt: null,
    });
    await store.apiKeys.ensureBootstrapKey(workspace.id, API_KEY, ["admin"]);
  });

  it("never writes a plaintext secret, token or API key to the database", async () => {
    const raw = await bed.dump(place);
    // The scan does see the data: names are stored in clear.
    expect(raw.includes("Procore Main")).toBe(true);
    expect(raw.includes("clientSecret")).toBe(true);
    for (const plaintext of [CLIENT_SECRET, PASSWORD, ACCESS_TOKEN, REFRESH_TOKEN, API_KEY]) {
      expect(raw.includes(plaintext), plaintext).toBe(false);
      expect(raw.includes(Buffer.from(plaintext).toString("base64")), `${plaintext} as base64`).toBe(false);
    }
  });

  it("seals with AES-256-GCM: a 12-byte IV and a 16-byte tag per value, and the key id beside it", async () => {
    const rows = await bed.raw(place, (knex) => knex("connection_secrets").select());
    const { keyId } = await store.encryptionStatus();
    for (const row of rows) {
      expect(Buffer.from(row.iv, "base64")).toHaveLength(12);
      expect(Buffer.from(row.tag, "base64")).toHaveLength(16);
      expect(row.key_id).toBe(keyId);
    }
  });

  it("gives equal values different ciphertexts (a fresh IV each time)", async () => {
    const a = await store.connections.create(workspace.id, {
      name: "A",
      kind: "sql",
      secrets: { p: "same" },
    });
    const b = await store.connections.create(workspace.id, {
      name: "B",
      kind: "sql",
      secrets: { p: "same" },
    });
    const rows = await bed.raw(place, (knex) =>
      knex("connection_secrets").whereIn("connection_id", [a.id, b.id]).select("iv", "ciphertext"),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].iv).not.toBe(rows[1].iv);
    expect(rows[0].ciphertext).not.toBe(rows[1].ciphertext);
  });

  it("refuses a ciphertext moved into another row, without revealing it", async () => {
    const victim = await store.connections.create(workspace.id, {
      name: "Victim",
      kind: "sql",
      secrets: { p: "x" },
    });
    await bed.raw(place, async (knex) => {
      const source = await knex("connection_secrets")
        .where({ connection_id: connectionId, name: "clientSecret" })
        .first();
      await knex("connection_secrets")
        .where({ connection_id: victim.id, name: "p" })
        .update({ iv: source.iv, tag: source.tag, ciphertext: source.ciphertext });
    });
    const error = await store.connections.revealSecrets(workspace.id, victim.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SecretKeyMismatch" });
    expect((error as Error).message).toContain("Secret 'p' of connection 'Victim'");
    expect(`${(error as Error).message} ${inspect(error)}`).not.toContain(CLIENT_SECRET);
  });
});
