/**
 * Opening the store: choose the database (Postgres when a URL is given, otherwise the embedded
 * SQLite file), obtain the secret key, migrate, and check that the key fits the data.
 */
import { AuthenticationCache } from "./api-keys/authentication-cache.ts";
import { type DatabaseLocation, resolveDatabaseLocation } from "./database/database-location.ts";
import { migrateToLatest } from "./database/migrate.ts";
import { type Database, openDatabase } from "./database/open-database.ts";
import { toStoreError } from "./database/storage-errors.ts";
import {
  hasKeyFile,
  type KeyFiles,
  keyFilePath,
  loadKeyFiles,
  settleKeyFiles,
} from "./encryption/key-file.ts";
import { keyIdsInUse, readActiveKeyId } from "./encryption/key-registry.ts";
import { Keyring } from "./encryption/keyring.ts";
import { reconcileActiveKey } from "./encryption/reconcile-active-key.ts";
import { SECRET_KEY_VARIABLE, SecretKey } from "./encryption/secret-key.ts";
import { StoreError } from "./errors.ts";
import { Store } from "./store.ts";

export interface OpenStoreOptions {
  /** `postgres://...`; when absent the store is the embedded SQLite file. */
  readonly databaseUrl?: string | undefined;
  /** Postgres schema to use (created if missing); also accepted as `?schema=` in the URL. */
  readonly schema?: string | undefined;
  /** Embedded mode: the directory for `headgate.sqlite` and `secret.key` (default `.headgate`). */
  readonly dataDir?: string | undefined;
  /** The 256-bit key sealing secrets; defaults to HEADGATE_SECRET_KEY from `env`. */
  readonly secretKey?: string | undefined;
  /** Where HEADGATE_SECRET_KEY is looked up when `secretKey` is absent (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Clock in epoch milliseconds (tests move it). */
  readonly now?: () => number;
}

type KeySource =
  | { readonly kind: "given"; readonly key: SecretKey }
  | { readonly kind: "file"; readonly dataDir: string };

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = resolveDatabaseLocation(options);
  const source = chooseKeySource(location, options);
  const database = await openDatabase(location);
  try {
    return await prepare(database, location, source, options.now ?? Date.now);
  } catch (error) {
    await database.knex.destroy();
    throw openFailure(error, location);
  }
}

function openFailure(error: unknown, location: DatabaseLocation): StoreError {
  if (error instanceof StoreError) return error;
  const where = location.kind === "sqlite" ? location.file : location.display;
  const failure = toStoreError(error);
  return new StoreError(
    failure.code,
    `Could not open the store at ${where}: ${failure.message.charAt(0).toLowerCase()}${failure.message.slice(1)}`,
    undefined,
    error,
  );
}

function chooseKeySource(location: DatabaseLocation, options: OpenStoreOptions): KeySource {
  const text = options.secretKey ?? (options.env ?? process.env)[SECRET_KEY_VARIABLE];
  if (text !== undefined && text.trim() !== "") return { kind: "given", key: SecretKey.parse(text) };
  if (location.kind === "sqlite") return { kind: "file", dataDir: location.dataDir };
  // A key generated here would live on one replica's disk and be lost to every other one.
  throw new StoreError(
    "InvalidConfiguration",
    `${SECRET_KEY_VARIABLE} is required when DATABASE_URL is set, and must be the same on every replica: ` +
      "generate one with `openssl rand -base64 32` and keep it in your secret manager.",
    SECRET_KEY_VARIABLE,
  );
}

async function prepare(
  database: Database,
  location: DatabaseLocation,
  source: KeySource,
  now: () => number,
): Promise<Store> {
  await migrateToLatest(database);
  const key = source.kind === "given" ? source.key : await settledFileKey(database, source.dataDir);
  await reconcileActiveKey(database.knex, key, now());
  const context = {
    kind: database.kind,
    knex: database.knex,
    keyring: new Keyring(key),
    now,
    authentications: new AuthenticationCache(now),
  };
  const display = location.kind === "sqlite" ? `sqlite:${location.file}` : location.display;
  return new Store(context, display, source.kind === "file" ? source.dataDir : undefined, database.warnings);
}

async function settledFileKey(database: Database, dataDir: string): Promise<SecretKey> {
  // Generating a fresh key next to data sealed under a lost one would only hide the problem.
  if (!(await hasKeyFile(dataDir))) {
    const inUse = await keyIdsInUse(database.knex);
    if (inUse.length > 0) {
      throw new StoreError(
        "InvalidConfiguration",
        `The secret key file ${keyFilePath(dataDir)} is missing, but the store holds secrets encrypted under key ` +
          `${inUse.join(", ")}. Restore the file from a backup, or set ${SECRET_KEY_VARIABLE} to that key.`,
        keyFilePath(dataDir),
      );
    }
  }
  const files: KeyFiles = await loadKeyFiles(dataDir);
  return settleKeyFiles(dataDir, files, await readActiveKeyId(database.knex));
}
