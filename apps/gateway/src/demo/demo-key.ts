/**
 * The demo's ready-made API key. HEADGATE_API_KEY wins; otherwise a key is generated once and
 * kept in the data directory (owner-only), so a key pasted into ChatGPT or an MCP client keeps
 * working across restarts of the demo.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "@headgate/store";

export const DEMO_KEY_FILE = "demo-api-key";

export async function ensureDemoKey(
  store: Store,
  workspaceId: string,
  dataDir: string,
  given: string | undefined,
): Promise<{ key: string; source: "HEADGATE_API_KEY" | "generated" | "kept" }> {
  if (given !== undefined && given.trim() !== "") {
    await store.apiKeys.ensureBootstrapKey(workspaceId, given.trim(), ["query", "admin"], "bootstrap");
    return { key: given.trim(), source: "HEADGATE_API_KEY" };
  }
  const file = join(dataDir, DEMO_KEY_FILE);
  const kept = await readFile(file, "utf8").then(
    (t) => t.trim(),
    () => "",
  );
  const key = kept !== "" ? kept : `hg_demo_${randomBytes(24).toString("base64url")}`;
  await store.apiKeys.ensureBootstrapKey(workspaceId, key, ["query", "admin"], "demo");
  if (kept === "") {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return { key, source: kept === "" ? "generated" : "kept" };
}
