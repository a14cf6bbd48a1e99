/**
 * The embedded store's files hold API-key hashes, sealed secrets and the audit log, so they are
 * owner-only like the secret key beside them. SQLite creates its WAL and shared-memory files with
 * the mode of the database file, so a database file created 0600 before SQLite opens it keeps
 * all three private whatever the process umask is.
 *
 * The data directory is created 0700. One that already exists with a looser mode is reported,
 * not changed: it may be a directory the operator chose for more than Headgate (a mounted
 * volume, a project folder), and the files in it are owner-only anyway.
 */
import { chmod, mkdir, open, stat } from "node:fs/promises";

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIRECTORY = 0o700;
const SQLITE_COMPANIONS = ["-wal", "-shm", "-journal"] as const;

/** Creates the data directory owner-only; warnings name what is looser than that. */
export async function prepareDataDir(dataDir: string): Promise<string[]> {
  await mkdir(dataDir, { recursive: true, mode: OWNER_ONLY_DIRECTORY });
  if (process.platform === "win32") return [];
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    `The data directory ${dataDir} is accessible to other users (mode ${octal(mode)}); the store's files in it are ` +
      `owner-only, but restrict the directory too with \`chmod 700 ${dataDir}\`.`,
  ];
}

/**
 * Makes the database file and any WAL, shared-memory or journal file beside it owner-only,
 * creating the database file if it does not exist yet (a store made by an earlier version may
 * have them 0644). Warnings name a file this process may not change.
 */
export async function makeDatabaseFilesOwnerOnly(file: string): Promise<string[]> {
  await (await open(file, "a", OWNER_ONLY_FILE)).close();
  if (process.platform === "win32") return [];
  const warnings: string[] = [];
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => `${file}${suffix}`)]) {
    const warning = await restrict(path);
    if (warning !== undefined) warnings.push(warning);
  }
  return warnings;
}

async function restrict(path: string): Promise<string | undefined> {
  try {
    // `open`'s mode is filtered by the umask and ignored for an existing file: set it exactly.
    await chmod(path, OWNER_ONLY_FILE);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code !== "EPERM") throw error;
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) === 0) return undefined;
    return `The store file ${path} is accessible to other users (mode ${octal(mode)}) and belongs to another user, so it could not be restricted: run \`chmod 600 ${path}\` as its owner.`;
  }
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}
