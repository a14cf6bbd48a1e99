/**
 * Test bed: every store suite runs once on embedded SQLite (a temp directory) and once on
 * Postgres (a schema of its own, `store_test_<hex>`, dropped afterwards), through
 * `describeOnEachDatabase`. The bed can also open further stores at fresh places and dump a
 * place's raw storage (file bytes, table rows as text) for the encryption tests.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabaseUrl } from "@headgate/testing";
import knexFactory, { type Knex } from "knex";
import { afterAll, describe } from "vitest";
import type { DatabaseKind } from "../database/database-location.ts";
import { STORE_TABLES } from "../database/migrations.ts";
import { type OpenStoreOptions, openStore } from "../open-store.ts";
import type { Store } from "../store.ts";

export const DATABASE_KINDS: readonly DatabaseKind[] = ["sqlite", "postgres"];
export const POSTGRES_URL = testDatabaseUrl();

export function newSecretKey(): string {
  return randomBytes(32).toString("base64");
}

/** A name no other test uses, valid as a workspace slug. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Where a store lives: a data directory or a Postgres schema. */
export interface Place {
  readonly kind: DatabaseKind;
  readonly dataDir: string | undefined;
  readonly schema: string | undefined;
  /** The location options for `openStore` (no key, no environment). */
  readonly options: OpenStoreOptions;
}

export class StoreBed {
  readonly kind: DatabaseKind;
  readonly #dirs: string[] = [];
  readonly #schemas: string[] = [];
  readonly #stores: Store[] = [];
  #admin: Knex | undefined;

  constructor(kind: DatabaseKind) {
    this.kind = kind;
  }

  /** A fresh, empty place. */
  async place(): Promise<Place> {
    if (this.kind === "sqlite") {
      const parent = await mkdtemp(join(tmpdir(), "headgate-store-"));
      this.#dirs.push(parent);
      const dataDir = join(parent, "data");
      return { kind: "sqlite", dataDir, schema: undefined, options: { dataDir, env: {} } };
    }
    const schema = `store_test_${randomBytes(6).toString("hex")}`;
    this.#schemas.push(schema);
    return {
      kind: "postgres",
      dataDir: undefined,
      schema,
      options: { databaseUrl: POSTGRES_URL, schema, env: {} },
    };
  }

  /**
   * Opens a store at `place` (a fresh one by default). Postgres needs a key, so one is made up
   * unless given; SQLite uses its generated key file unless a key is given. Closed at the end.
   */
  async open(place?: Place, extra: Partial<OpenStoreOptions> = {}): Promise<Store> {
    const where = place ?? (await this.place());
    const key = extra.secretKey ?? (where.kind === "postgres" ? newSecretKey() : undefined);
    const store = await openStore({
      ...where.options,
      ...extra,
      ...(key === undefined ? {} : { secretKey: key }),
    });
    this.#stores.push(store);
    return store;
  }

  /** Everything the database holds at `place`, as raw as we can get it. */
  async dump(place: Place): Promise<Buffer> {
    if (place.dataDir !== undefined) {
      const files = (await readdir(place.dataDir)).filter((name) => name.startsWith("headgate.sqlite"));
      return Buffer.concat(await Promise.all(files.map((name) => readFile(join(place.dataDir!, name)))));
    }
    const admin = this.#adminKnex();
    const parts: string[] = [];
    for (const table of [...STORE_TABLES, "store_migrations"]) {
      const rows: { row: string }[] = await admin
        .withSchema(place.schema!)
        .from(`${table} as t`)
        .select(admin.raw("t::text as row"));
      parts.push(...rows.map((r) => r.row));
    }
    return Buffer.from(parts.join("\n"), "utf8");
  }

  /** Direct access to a place's tables, bypassing the store (for tampering and inspection). */
  async raw<T>(place: Place, work: (knex: Knex) => Promise<T>): Promise<T> {
    if (place.kind === "postgres") {
      const knex = knexFactory({
        client: "pg",
        connection: POSTGRES_URL,
        searchPath: [place.schema!],
        pool: { min: 0, max: 1 },
      });
      try {
        return await work(knex);
      } finally {
        await knex.destroy();
      }
    }
    const knex = knexFactory({
      client: "better-sqlite3",
      connection: { filename: join(place.dataDir!, "headgate.sqlite") },
      useNullAsDefault: true,
    });
    try {
      return await work(knex);
    } finally {
      await knex.destroy();
    }
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#stores.map((store) => store.close()));
    if (this.#schemas.length > 0) {
      const admin = this.#adminKnex();
      for (const schema of this.#schemas) await admin.raw("drop schema if exists ?? cascade", [schema]);
    }
    await this.#admin?.destroy();
    await Promise.all(this.#dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }

  #adminKnex(): Knex {
    this.#admin ??= knexFactory({ client: "pg", connection: POSTGRES_URL, pool: { min: 0, max: 2 } });
    return this.#admin;
  }
}

/** Runs `suite` once per database kind, with a bed that is cleaned up after the suite. */
export function describeOnEachDatabase(title: string, suite: (bed: StoreBed) => void): void {
  describe.each(DATABASE_KINDS)(`${title} (%s)`, (kind) => {
    const bed = new StoreBed(kind);
    afterAll(() => bed.cleanup());
    suite(bed);
  });
}
