/**
 * The demo's two ready-made API keys: a query key to paste into assistants and reports (it can
 * read data and nothing else), and an admin key to manage keys and connections, which never
 * belongs in an assistant. Each is generated once and kept in the data directory (owner-only),
 * so a key pasted into ChatGPT, an MCP client or Excel keeps working across restarts of the
 * demo. HEADGATE_API_KEY, as for `headgate serve`, is the admin key instead of a generated one.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiKeyScope, Store } from "@headgate/store";

export const DEMO_QUERY_KEY_FILE = "demo-query-key";
export const DEMO_ADMIN_KEY_FILE = "demo-admin-key";
/** Where earlier versions kept their one key, which was an admin key. */
const EARLIER_KEY_FILE = "demo-api-key";

export type DemoKey =
  | { readonly key: string; readonly source: "HEADGATE_API_KEY" }
  | { readonly key: string; readonly source: "generated" | "kept"; readonly file: string };

export interface DemoKeys {
  readonly query: DemoKey;
  readonly admin: DemoKey;
}

export async function ensureDemoKeys(
  store: Store,
  workspaceId: string,
  dataDir: string,
  given: string | undefined,
): Promise<DemoKeys> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const query = await keptKey(
    store,
    workspaceId,
    join(dataDir, DEMO_QUERY_KEY_FILE),
    ["query"],
    "demo-query",
  );
  const admin =
    given !== undefined && given.trim() !== ""
      ? await givenAdminKey(store, workspaceId, given.trim())
      : await keptAdminKey(store, workspaceId, dataDir);
  return { query, admin };
}

async function givenAdminKey(store: Store, workspaceId: string, key: string): Promise<DemoKey> {
  await store.apiKeys.ensureBootstrapKey(workspaceId, key, ["query", "admin"], "bootstrap");
  return { key, source: "HEADGATE_API_KEY" };
}

async function keptAdminKey(store: Store, workspaceId: string, dataDir: string): Promise<DemoKey> {
  const file = join(dataDir, DEMO_ADMIN_KEY_FILE);
  // The one key of an earlier version was an admin key: it stays the admin key, under the new name.
  await rename(join(dataDir, EARLIER_KEY_FILE), file).catch(() => {});
  return keptKey(store, workspaceId, file, ["query", "admin"], "demo-admin");
}

/** The key in `file`, or a new one written there; either way a key of the workspace. */
async function keptKey(
  store: Store,
  workspaceId: string,
  file: string,
  scopes: readonly ApiKeyScope[],
  name: string,
): Promise<DemoKey> {
  const kept = await readFile(file, "utf8").then(
    (text) => text.trim(),
    () => "",
  );
  const key = kept !== "" ? kept : `hg_demo_${randomBytes(24).toString("base64url")}`;
  await store.apiKeys.ensureBootstrapKey(workspaceId, key, scopes, name);
  if (kept === "") {
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    // The mode above is filtered by the umask; set it exactly.
    await chmod(file, 0o600);
  }
  return { key, source: kept === "" ? "generated" : "kept", file };
}
