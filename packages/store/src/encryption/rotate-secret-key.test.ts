import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.ts";
import {
  describeOnEachDatabase,
  newSecretKey,
  type Place,
  StoreBed,
  uniqueName,
} from "../testing/store-bed.ts";
import { SecretKey } from "./secret-key.ts";

const SECRET = "rotation-test-secret-3e7d";

describeOnEachDatabase("secret-key rotation", (bed) => {
  let place: Place;
  let oldKey: string;
  let store: Store;
  let ids: { workspaceId: string; connectionId: string };

  beforeEach(async () => {
    place = await bed.place();
    oldKey = newSecretKey();
    store = await bed.open(place, { secretKey: oldKey });
    const workspace = await store.workspaces.create({ name: uniqueName("acme") });
    const connection = await store.connections.create(workspace.id, {
      name: "Procore",
      kind: "procore",
      secrets: { clientSecret: SECRET, clientId: "id-1" },
    });
    await store.oauthTokens.set(workspace.id, connection.id, {
      accessToken: "access-1",
      refreshToken: "refresh-1",
      expiresAt: null,
    });
    ids = { workspaceId: workspace.id, connectionId: connection.id };
  });

  const sealedRows = () =>
    bed.raw(place, async (knex) => ({
      secrets: await knex("connection_secrets").orderBy("name").select("key_id", "ciphertext"),
      tokens: await knex("oauth_tokens").select(
        "key_id",
        "access_token_ciphertext",
        "refresh_token_ciphertext",
      ),
    }));

  it("re-encrypts every secret and token under the new key; values read the same", async () => {
    const before = await sealedRows();
    const newKey = newSecretKey();
    const rotation = await store.rotateSecretKey(newKey);
    const newId = SecretKey.parse(newKey).id;
    expect(rotation).toEqual({
      previousKeyId: SecretKey.parse(oldKey).id,
      keyId: newId,
      resealed: { connectionSecrets: 2, oauthTokens: 1 },
    });

    expect({ ...(await store.connections.revealSecrets(ids.workspaceId, ids.connectionId)) }).toEqual({
      clientId: "id-1",
      clientSecret: SECRET,
    });
    expect(await store.oauthTokens.get(ids.workspaceId, ids.connectionId)).toMatchObject({
      accessToken: "access-1",
      refreshToken: "refresh-1",
    });

    const after = await sealedRows();
    for (const row of [...after.secrets, ...after.tokens]) expect(row.key_id).toBe(newId);
    for (const [i, row] of after.secrets.entries())
      expect(row.ciphertext).not.toBe(before.secrets[i]!.ciphertext);
    expect(after.tokens[0]!.access_token_ciphertext).not.toBe(before.tokens[0]!.access_token_ciphertext);

    expect(await store.encryptionStatus()).toEqual({
      keyId: newId,
      activeKeyId: newId,
      keyIdsInUse: [newId],
      retiredKeyIds: [rotation.previousKeyId],
    });
  });

  it("seals new values under the new key after rotating", async () => {
    const newKey = newSecretKey();
    await store.rotateSecretKey(newKey);
    await store.connections.update(ids.workspaceId, ids.connectionId, { secrets: { added: "later" } });
    expect((await store.encryptionStatus()).keyIdsInUse).toEqual([SecretKey.parse(newKey).id]);
  });

  it("opens with the new key afterwards and refuses the old one", async () => {
    const newKey = newSecretKey();
    await store.rotateSecretKey(newKey);
    await store.close();
    await expect(bed.open(place, { secretKey: oldKey })).rejects.toMatchObject({ code: "SecretKeyMismatch" });
    const reopened = await bed.open(place, { secretKey: newKey });
    expect((await reopened.connections.revealSecrets(ids.workspaceId, ids.connectionId)).clientSecret).toBe(
      SECRET,
    );
  });

  it("makes a process still holding the old key refuse to read or write secrets", async () => {
    const stale = await bed.open(place, { secretKey: oldKey });
    await store.rotateSecretKey(newSecretKey());
    await expect(stale.connections.revealSecrets(ids.workspaceId, ids.connectionId)).rejects.toMatchObject({
      code: "SecretKeyMismatch",
    });
    await expect(
      stale.connections.update(ids.workspaceId, ids.connectionId, {
        secrets: { clientSecret: "stale write" },
      }),
    ).rejects.toMatchObject({ code: "SecretKeyMismatch" });
    expect((await store.connections.revealSecrets(ids.workspaceId, ids.connectionId)).clientSecret).toBe(
      SECRET,
    );
  });

  it("refuses a malformed new key or the key already in use, changing nothing", async () => {
    const before = await sealedRows();
    await expect(store.rotateSecretKey("too-short")).rejects.toMatchObject({ code: "InvalidConfiguration" });
    await expect(store.rotateSecretKey(oldKey)).rejects.toMatchObject({ code: "InvalidInput" });
    expect(await sealedRows()).toEqual(before);
  });

  it("rolls back entirely when a value cannot be re-encrypted", async () => {
    const before = await sealedRows();
    await bed.raw(place, (knex) =>
      knex("oauth_tokens")
        .where({ connection_id: ids.connectionId })
        .update({ access_token_tag: "AAAAAAAAAAAAAAAAAAAAAA==" }),
    );
    const tampered = await sealedRows();
    await expect(store.rotateSecretKey(newSecretKey())).rejects.toMatchObject({ code: "SecretKeyMismatch" });
    expect(await sealedRows()).toEqual(tampered);
    expect(tampered.secrets).toEqual(before.secrets);
    expect((await store.encryptionStatus()).activeKeyId).toBe(SecretKey.parse(oldKey).id);
  });
});

describe("secret-key rotation in embedded mode", () => {
  const bed = new StoreBed("sqlite");
  afterAll(() => bed.cleanup());

  it("writes the new key to secret.key (0600) so the next start reads it", async () => {
    const place = await bed.place();
    const store = await bed.open(place);
    const workspace = await store.workspaces.create({ name: uniqueName("w") });
    const c = await store.connections.create(workspace.id, { name: "c", kind: "sql", secrets: { p: "v" } });
    const newKey = newSecretKey();
    await store.rotateSecretKey(newKey);
    await store.close();
    const keyFile = join(place.dataDir!, "secret.key");
    expect(SecretKey.parse(await readFile(keyFile, "utf8")).id).toBe(SecretKey.parse(newKey).id);
    const reopened = await bed.open(place);
    expect((await reopened.connections.revealSecrets(workspace.id, c.id)).p).toBe("v");
  });

  describe("after a crash between the database switch and the key file rename", () => {
    const setUp = async () => {
      const place = await bed.place();
      const store = await bed.open(place);
      const workspace = await store.workspaces.create({ name: uniqueName("w") });
      const c = await store.connections.create(workspace.id, { name: "c", kind: "sql", secrets: { p: "v" } });
      const keyFile = join(place.dataDir!, "secret.key");
      return { place, store, keyFile, oldKeyText: await readFile(keyFile, "utf8"), read: { workspace, c } };
    };

    it("finishes the rename when the database already uses the new key", async () => {
      const { place, store, keyFile, oldKeyText, read } = await setUp();
      const newKey = newSecretKey();
      await store.rotateSecretKey(newKey);
      await store.close();
      // Put the files back as they were just before the rename.
      await writeFile(`${keyFile}.next`, newKey, { mode: 0o600 });
      await writeFile(keyFile, oldKeyText, { mode: 0o600 });
      const reopened = await bed.open(place);
      expect((await reopened.connections.revealSecrets(read.workspace.id, read.c.id)).p).toBe("v");
      expect(SecretKey.parse(await readFile(keyFile, "utf8")).id).toBe(SecretKey.parse(newKey).id);
      await expect(access(`${keyFile}.next`)).rejects.toThrow();
    });

    it("drops a pending key the database never switched to", async () => {
      const { place, store, keyFile, oldKeyText, read } = await setUp();
      await store.close();
      await writeFile(`${keyFile}.next`, newSecretKey(), { mode: 0o600 });
      const reopened = await bed.open(place);
      expect((await reopened.connections.revealSecrets(read.workspace.id, read.c.id)).p).toBe("v");
      expect(await readFile(keyFile, "utf8")).toBe(oldKeyText);
      await expect(access(`${keyFile}.next`)).rejects.toThrow();
    });
  });
});
