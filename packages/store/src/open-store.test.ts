import { access, chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrationSource, STORE_TABLES } from "./database/migrations.ts";
import { StoreError } from "./errors.ts";
import { openStore } from "./open-store.ts";
import type { Store } from "./store.ts";
import {
  describeOnEachDatabase,
  newSecretKey,
  POSTGRES_URL,
  StoreBed,
  uniqueName,
} from "./testing/store-bed.ts";

async function tablesOf(bed: StoreBed, place: Awaited<ReturnType<StoreBed["place"]>>): Promise<string[]> {
  return bed.raw(place, async (knex) => {
    const rows: { name: string }[] =
      place.kind === "sqlite"
        ? await knex("sqlite_master").where({ type: "table" }).select("name")
        : await knex("information_schema.tables")
            .where({ table_schema: place.schema })
            .select("table_name as name");
    return rows
      .map((r) => r.name)
      .filter((name) => !name.startsWith("sqlite_") && !name.startsWith("store_migrations"));
  });
}

describeOnEachDatabase("opening the store", (bed) => {
  it("runs the migrations at start-up, creating every table", async () => {
    const place = await bed.place();
    const store = await bed.open(place);
    expect(store.kind).toBe(bed.kind);
    expect((await tablesOf(bed, place)).sort()).toEqual([...STORE_TABLES].sort());
  });

  it("opens an existing store again with its data, migrating nothing twice", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const first = await bed.open(place, { secretKey });
    const workspace = await first.workspaces.create({ name: uniqueName("kept") });
    await first.close();
    const second = await bed.open(place, { secretKey });
    expect(await second.workspaces.get(workspace.id)).toEqual(workspace);
    const migrations = await bed.raw(place, (knex) => knex("store_migrations").select("name"));
    expect(migrations.map((m: { name: string }) => m.name)).toEqual([
      "0001_initial",
      "0002_oauth_grants",
      "0003_audit_doors",
      "0004_workspace_managers",
    ]);
  });

  it("upgrades a store made before OAuth grants, keeping its data", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const first = await bed.open(place, { secretKey });
    const workspace = await first.workspaces.create({ name: uniqueName("older") });
    await first.close();
    await bed.raw(place, async (knex) => {
      for (const name of ["0004_workspace_managers", "0003_audit_doors", "0002_oauth_grants"])
        await knex.migrate.down({ migrationSource, tableName: "store_migrations", name });
    });
    expect(await tablesOf(bed, place)).not.toContain("oauth_grants");
    const upgraded = await bed.open(place, { secretKey });
    expect(await upgraded.workspaces.get(workspace.id)).toEqual(workspace);
    expect((await tablesOf(bed, place)).sort()).toEqual([...STORE_TABLES].sort());
  });

  it("upgrades an audit log of the earlier doors: its entries stay readable, new ones name the door reached", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const first = await bed.open(place, { secretKey });
    const workspace = await first.workspaces.create({ name: uniqueName("audited") });
    const entry = { workspaceId: workspace.id, upstreamCalls: 1, rows: 1, bytes: 1, durationMs: 1 } as const;
    await first.audit.record({ ...entry, door: "mcp-stdio", query: "stdio", outcome: "ok" });
    await first.audit.record({ ...entry, door: "odata", query: "odata", outcome: "ok" });
    await first.close();
    await bed.raw(place, (knex) =>
      knex.migrate.down({ migrationSource, tableName: "store_migrations", name: "0003_audit_doors" }),
    );
    const downgraded = await bed.raw(place, (knex) => knex("audit_log").orderBy("id").select("door"));
    expect(downgraded.map((row: { door: string }) => row.door)).toEqual(["mcp", "rest"]);

    const upgraded = await bed.open(place, { secretKey });
    await upgraded.audit.record({ ...entry, door: "mcp-stdio", query: "stdio again", outcome: "ok" });
    const entries = await upgraded.audit.list({ workspaceId: workspace.id });
    expect(entries.map((e) => [e.door, e.query])).toEqual([
      ["mcp-stdio", "stdio again"],
      ["rest", "odata"],
      ["mcp", "stdio"],
    ]);
  });

  it("lets several processes start on the same database at once", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const stores = await Promise.all([1, 2, 3].map(() => bed.open(place, { secretKey })));
    const workspace = await stores[0]!.workspaces.create({ name: uniqueName("shared") });
    expect(await stores[2]!.workspaces.get(workspace.id)).toEqual(workspace);
  });

  it("derives the same purpose key on every replica with the same secret key, and different keys per purpose", async () => {
    const place = await bed.place();
    const secretKey = newSecretKey();
    const [a, b] = await Promise.all([bed.open(place, { secretKey }), bed.open(place, { secretKey })]);
    expect(a.deriveKey("skip-tokens").equals(b.deriveKey("skip-tokens"))).toBe(true);
    expect(a.deriveKey("skip-tokens").equals(a.deriveKey("other"))).toBe(false);
    expect(a.deriveKey("skip-tokens")).toHaveLength(32);
    const elsewhere = await bed.open(undefined, { secretKey: newSecretKey() });
    expect(elsewhere.deriveKey("skip-tokens").equals(a.deriveKey("skip-tokens"))).toBe(false);
  });

  it("describes where it is without any password", async () => {
    const store = await bed.open();
    expect(store.location).toMatch(bed.kind === "sqlite" ? /^sqlite:.*headgate\.sqlite$/ : /^postgres:\/\//);
    expect(JSON.stringify(store)).toContain(store.location);
  });

  describe("the secret key", () => {
    it.each([
      ["too short", "c2hvcnQ="],
      ["31 bytes of hex", "ab".repeat(31)],
      ["not base64 or hex", "z".repeat(44).replace(/z/g, "!")],
      ["65 hex characters", "a".repeat(65)],
    ])(
      "refuses a key that is %s, naming the variable and the format but not the value",
      async (_, secretKey) => {
        const error = await bed.open(undefined, { secretKey }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: "InvalidConfiguration", target: "HEADGATE_SECRET_KEY" });
        const message = (error as Error).message;
        expect(message).toContain("HEADGATE_SECRET_KEY must be a 256-bit key");
        expect(message).toContain("64 hex characters or 44 base64 characters");
        expect(message).not.toContain(secretKey);
      },
    );

    it("accepts hex and base64 forms of the same key", async () => {
      const bytes = Buffer.alloc(32, 0x5a);
      const place = await bed.place();
      const a = await bed.open(place, { secretKey: bytes.toString("hex") });
      const workspace = await a.workspaces.create({ name: uniqueName("k") });
      const connection = await a.connections.create(workspace.id, {
        name: "c",
        kind: "sql",
        secrets: { p: "v" },
      });
      await a.close();
      const b = await bed.open(place, { secretKey: bytes.toString("base64") });
      expect({ ...(await b.connections.revealSecrets(workspace.id, connection.id)) }).toEqual({ p: "v" });
    });

    it("reads HEADGATE_SECRET_KEY from the environment when no key is given", async () => {
      const place = await bed.place();
      const key = newSecretKey();
      const store = await openStore({ ...place.options, env: { HEADGATE_SECRET_KEY: key } });
      const status = await store.encryptionStatus();
      await store.close();
      const again = await openStore({ ...place.options, secretKey: key });
      expect((await again.encryptionStatus()).keyId).toBe(status.keyId);
      await again.close();
    });

    it("refuses to open secrets sealed under another key, naming both key ids", async () => {
      const place = await bed.place();
      const store = await bed.open(place, { secretKey: newSecretKey() });
      const { keyId } = await store.encryptionStatus();
      const workspace = await store.workspaces.create({ name: uniqueName("k") });
      await store.connections.create(workspace.id, { name: "c", kind: "sql", secrets: { p: "v" } });
      await store.close();
      const error = await bed.open(place, { secretKey: newSecretKey() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "SecretKeyMismatch" });
      expect((error as Error).message).toContain(keyId);
    });

    it("adopts a new key when nothing is sealed yet", async () => {
      const place = await bed.place();
      await (await bed.open(place, { secretKey: newSecretKey() })).close();
      const next = newSecretKey();
      const store = await bed.open(place, { secretKey: next });
      const status = await store.encryptionStatus();
      expect(status.activeKeyId).toBe(status.keyId);
    });
  });
});

describe("embedded mode (SQLite) without a configured key", () => {
  const bed = new StoreBed("sqlite");
  afterAll(() => bed.cleanup());

  it("creates the data directory owner-only and generates secret.key with mode 0600", async () => {
    const place = await bed.place();
    const store = await bed.open(place);
    const dataDir = place.dataDir!;
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const keyFile = join(dataDir, "secret.key");
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, "utf8")).trim(), "base64")).toHaveLength(32);
    expect((await stat(join(dataDir, "headgate.sqlite"))).isFile()).toBe(true);
    await store.close();
  });

  describe("the store's files (key hashes, sealed secrets, the audit log)", () => {
    const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
    const storeFiles = (dataDir: string) =>
      ["headgate.sqlite", "headgate.sqlite-wal", "headgate.sqlite-shm"].map((name) => join(dataDir, name));
    /** Writes, so SQLite has its WAL and shared-memory files open. */
    const write = (store: Store) => store.workspaces.create({ name: uniqueName("w") });

    it("are owner-only: the database, its WAL and its shared memory 0600, the directory 0700", async () => {
      const place = await bed.place();
      const store = await bed.open(place);
      await write(store);
      expect(await modeOf(place.dataDir!)).toBe(0o700);
      for (const file of storeFiles(place.dataDir!))
        expect({ file, mode: await modeOf(file) }).toEqual({ file, mode: 0o600 });
      expect(store.warnings).toEqual([]);
      await store.close();
    });

    it("are made owner-only when an earlier version left them readable by others", async () => {
      const place = await bed.place();
      const first = await bed.open(place);
      await write(first);
      for (const file of storeFiles(place.dataDir!)) await chmod(file, 0o644);
      await first.close();
      const second = await bed.open(place);
      await write(second);
      for (const file of storeFiles(place.dataDir!))
        expect({ file, mode: await modeOf(file) }).toEqual({ file, mode: 0o600 });
      await second.close();
    });

    it("live in a directory others can read only with a warning that says how to restrict it", async () => {
      const place = await bed.place();
      await mkdir(place.dataDir!, { recursive: true });
      await chmod(place.dataDir!, 0o755);
      const store = await bed.open(place);
      await write(store);
      expect(store.warnings).toEqual([expect.stringContaining(`chmod 700 ${place.dataDir}`)]);
      expect(store.warnings[0]).toContain("0755");
      // The operator chose the directory; it may hold more than the store, so it is not changed.
      expect(await modeOf(place.dataDir!)).toBe(0o755);
      for (const file of storeFiles(place.dataDir!)) expect(await modeOf(file)).toBe(0o600);
      await store.close();
    });
  });

  it("reuses the generated key on the next start, so secrets stay readable", async () => {
    const place = await bed.place();
    const first = await bed.open(place);
    const workspace = await first.workspaces.create({ name: uniqueName("w") });
    const c = await first.connections.create(workspace.id, {
      name: "c",
      kind: "sql",
      secrets: { password: "pw" },
    });
    const keyText = await readFile(join(place.dataDir!, "secret.key"), "utf8");
    await first.close();
    const second = await bed.open(place);
    expect({ ...(await second.connections.revealSecrets(workspace.id, c.id)) }).toEqual({ password: "pw" });
    expect(await readFile(join(place.dataDir!, "secret.key"), "utf8")).toBe(keyText);
  });

  it("refuses a key file other users can read", async () => {
    const place = await bed.place();
    await (await bed.open(place)).close();
    const keyFile = join(place.dataDir!, "secret.key");
    await chmod(keyFile, 0o644);
    const error = await bed.open(place).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "InvalidConfiguration",
      message: expect.stringContaining("chmod 600"),
    });
    expect((error as Error).message).not.toContain((await readFile(keyFile, "utf8")).trim());
  });

  it("refuses to replace a lost key file while secrets sealed under it remain", async () => {
    const place = await bed.place();
    const store = await bed.open(place);
    const { keyId } = await store.encryptionStatus();
    const w = await store.workspaces.create({ name: uniqueName("w") });
    await store.connections.create(w.id, { name: "c", kind: "sql", secrets: { p: "v" } });
    await store.close();
    await rm(join(place.dataDir!, "secret.key"));
    const error = await bed.open(place).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "InvalidConfiguration",
      message: expect.stringContaining("is missing"),
    });
    expect((error as Error).message).toContain(keyId);
    await expect(access(join(place.dataDir!, "secret.key"))).rejects.toThrow();
  });

  it("refuses a corrupt key file, naming the file", async () => {
    const place = await bed.place();
    await (await bed.open(place)).close();
    const keyFile = join(place.dataDir!, "secret.key");
    await writeFile(keyFile, "not a key\n", { mode: 0o600 });
    await expect(bed.open(place)).rejects.toMatchObject({ code: "InvalidConfiguration", target: keyFile });
  });
});

describe("Postgres without a key", () => {
  it("refuses to start, because a generated key would be lost between replicas", async () => {
    const error = await openStore({ databaseUrl: POSTGRES_URL, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "InvalidConfiguration", target: "HEADGATE_SECRET_KEY" });
    expect((error as Error).message).toMatch(/HEADGATE_SECRET_KEY is required when DATABASE_URL is set/);
  });

  it("reports an unreachable database as StorageUnavailable, with the password masked", async () => {
    const error = await openStore({
      databaseUrl: "postgres://headgate:hunter2@127.0.0.1:1/headgate",
      secretKey: newSecretKey(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "StorageUnavailable", status: 503 });
    expect((error as Error).message).toContain(
      "Could not open the store at postgres://headgate:****@127.0.0.1:1/headgate",
    );
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("refuses a database URL that is not Postgres without echoing it", async () => {
    const url = "mysql://root:hunter2@db/headgate";
    const error = await openStore({ databaseUrl: url, secretKey: newSecretKey() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidConfiguration", target: "DATABASE_URL" });
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("takes the schema from ?schema= and masks the password in its location", async () => {
    const bed = new StoreBed("postgres");
    try {
      const place = await bed.place();
      const url = new URL(POSTGRES_URL);
      url.password = "pw-not-needed";
      url.searchParams.set("schema", place.schema!);
      const store = await bed.open(undefined, {
        databaseUrl: url.href,
        schema: undefined,
        secretKey: newSecretKey(),
      });
      expect(store.location).not.toContain("pw-not-needed");
      expect((await tablesOf(bed, place)).sort()).toEqual([...STORE_TABLES].sort());
    } finally {
      await bed.cleanup();
    }
  });
});
