/**
 * The embedded store's own secret key: generated on first start into `<dataDir>/secret.key`
 * with owner-only permissions, and read back on every later start. A rotation writes the new
 * key to `secret.key.next` before the database switches and renames it over `secret.key`
 * after, so a crash between the two leaves both keys on disk and the next start finishes the
 * job (see `settleKeyFiles`) instead of losing the key the data needs.
 */
import { chmod, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { StoreError } from "../errors.ts";
import { SecretKey } from "./secret-key.ts";

export const KEY_FILE_NAME = "secret.key";
const PENDING_FILE_NAME = "secret.key.next";
const OWNER_ONLY = 0o600;

export interface KeyFiles {
  readonly current: SecretKey;
  /** A key written by a rotation that may or may not have reached the database. */
  readonly pending: SecretKey | undefined;
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

export async function hasKeyFile(dataDir: string): Promise<boolean> {
  try {
    await stat(keyFilePath(dataDir));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

export async function loadKeyFiles(dataDir: string): Promise<KeyFiles> {
  const current = (await readKeyFile(keyFilePath(dataDir))) ?? (await createKeyFile(dataDir));
  const pending = await readKeyFile(join(dataDir, PENDING_FILE_NAME));
  return { current, pending };
}

async function createKeyFile(dataDir: string): Promise<SecretKey> {
  const key = SecretKey.generate();
  try {
    // `wx`: if another process created the file meanwhile, keep its key, not ours.
    await writeKey(keyFilePath(dataDir), key, "wx");
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = await readKeyFile(keyFilePath(dataDir));
    if (existing === undefined) throw error;
    return existing;
  }
}

async function readKeyFile(file: string): Promise<SecretKey | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  await assertOwnerOnly(file);
  return SecretKey.parse(text, file);
}

/** Like ssh with its private keys: a key file others can read is refused, not used. */
async function assertOwnerOnly(file: string): Promise<void> {
  if (process.platform === "win32") return;
  const mode = (await stat(file)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new StoreError(
      "InvalidConfiguration",
      `The secret key file ${file} is accessible to other users (mode ${mode.toString(8).padStart(4, "0")}); ` +
        `restrict it with \`chmod 600 ${file}\` and start again.`,
      file,
    );
  }
}

async function writeKey(file: string, key: SecretKey, flag: "w" | "wx"): Promise<void> {
  await writeFile(file, `${key.toBase64()}\n`, { mode: OWNER_ONLY, flag });
  // The mode above is filtered by the umask; set it exactly.
  await chmod(file, OWNER_ONLY);
}

export async function writePendingKey(dataDir: string, key: SecretKey): Promise<void> {
  await writeKey(join(dataDir, PENDING_FILE_NAME), key, "w");
}

export async function promotePendingKey(dataDir: string): Promise<void> {
  await rename(join(dataDir, PENDING_FILE_NAME), keyFilePath(dataDir));
}

export async function discardPendingKey(dataDir: string): Promise<void> {
  await rm(join(dataDir, PENDING_FILE_NAME), { force: true });
}

/**
 * After a crash mid-rotation: keep whichever key the database says is active, and make the
 * files agree with it.
 */
export async function settleKeyFiles(
  dataDir: string,
  files: KeyFiles,
  activeKeyId: string | undefined,
): Promise<SecretKey> {
  if (files.pending === undefined) return files.current;
  if (files.pending.id === activeKeyId) {
    await promotePendingKey(dataDir);
    return files.pending;
  }
  await discardPendingKey(dataDir);
  return files.current;
}
