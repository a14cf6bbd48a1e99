/**
 * The local commands (`headgate query`, `explain`, `metadata`, `mcp` on stdio) act on one
 * workspace of the store this machine is configured with (DATABASE_URL, or the embedded store in
 * HEADGATE_DATA_DIR), with the same engines the server builds. The workspace is the one named by
 * --workspace, else the one HEADGATE_API_KEY belongs to, else `default`.
 */
import { resolve } from "node:path";
import { DEFAULT_LIMITS, type HeadgateConfig, loadConfigFile } from "@headgate/config";
import { openStore, type Store } from "@headgate/store";
import type { Principal } from "../auth/principal.ts";
import { relationshipsOf } from "../config/apply-config.ts";
import { GatewayError } from "../errors/gateway-error.ts";
import { WorkspaceEngines } from "../workspaces/workspace-engines.ts";

export interface LocalWorkspace {
  readonly store: Store;
  readonly engines: WorkspaceEngines;
  readonly principal: Principal;
  readonly workspaceName: string;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function openLocalWorkspace(
  env: Env,
  workspace: string | undefined,
  cwd: string,
): Promise<LocalWorkspace> {
  const store = await openStore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(cwd, env.HEADGATE_DATA_DIR ?? ".headgate"),
    env,
  });
  try {
    const configPath = env.HEADGATE_CONFIG ? resolve(cwd, env.HEADGATE_CONFIG) : undefined;
    // Read, not applied: a query from the terminal must not change the store's configuration.
    const config = configPath ? await loadConfigFile(configPath, env) : undefined;
    const relationships = config
      ? relationshipsOf(config, await declaredWorkspaceIds(store, config))
      : new Map();
    const principal = await choosePrincipal(store, env, workspace);
    const engines = new WorkspaceEngines({
      store,
      skipTokenSecret: store.deriveKey("skip-tokens"),
      limits: config?.limits ?? DEFAULT_LIMITS,
      relationships: (id) => relationships.get(id) ?? [],
      baseDir: configPath ? resolve(configPath, "..") : cwd,
      log: { info: () => {}, warn: (_object, message) => process.stderr.write(`warning: ${message}\n`) },
      drainMs: 0,
    });
    const name = (await store.workspaces.get(principal.workspaceId)).name;
    return {
      store,
      engines,
      principal,
      workspaceName: name,
      close: async () => {
        await engines.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function choosePrincipal(store: Store, env: Env, workspace: string | undefined): Promise<Principal> {
  if (workspace === undefined && env.HEADGATE_API_KEY) {
    const principal = await store.apiKeys.authenticate(env.HEADGATE_API_KEY.trim());
    if (principal === null)
      throw new GatewayError(
        "Unauthorized",
        "HEADGATE_API_KEY is not a valid key of this store.",
        "HEADGATE_API_KEY",
      );
    return { workspaceId: principal.workspaceId, keyId: principal.keyId, scopes: principal.scopes };
  }
  const name = workspace ?? "default";
  const found = await store.workspaces.findByName(name);
  if (found === undefined) {
    const names = (await store.workspaces.list()).map((w) => w.name);
    throw new GatewayError(
      "NotFound",
      `No workspace named '${name}' in this store (${names.length > 0 ? `workspaces: ${names.join(", ")}` : "it has none yet"}); pass --workspace <name>.`,
      "--workspace",
    );
  }
  return { workspaceId: found.id, keyId: null, scopes: ["query", "admin"] };
}

async function declaredWorkspaceIds(store: Store, config: HeadgateConfig): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const { name } of config.workspaces) {
    const found = await store.workspaces.findByName(name);
    if (found) ids.set(name, found.id);
  }
  return ids;
}
