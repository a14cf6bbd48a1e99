/**
 * What an admin command acts on: the store this machine is configured with (DATABASE_URL, or
 * the embedded store in HEADGATE_DATA_DIR, sealed with HEADGATE_SECRET_KEY) and one workspace of
 * it. A workspace that a configuration manages is read-only here, exactly as it is for the admin
 * API: one the store records (a running gateway applied the configuration), or one the
 * headgate.yaml given here (--config or HEADGATE_CONFIG) declares.
 */
import { randomBytes } from "node:crypto";
import { dirname, resolve } from "node:path";
import { loadConfigFile } from "@headgate/config";
import { openStore, type Store, type Workspace } from "@headgate/store";
import type { AdminContext } from "../../admin/admin-context.ts";
import type { ManagedWorkspaceRule } from "../../admin/managed-workspaces.ts";
import { AuditTrail } from "../../audit/audit-trail.ts";
import { configFileManager } from "../../config/config-manager.ts";
import { GatewayError } from "../../errors/gateway-error.ts";
import { WorkspaceEngines } from "../../workspaces/workspace-engines.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface AdminSessionOptions {
  readonly env: Env;
  readonly cwd: string;
  /** --workspace; when absent, HEADGATE_WORKSPACE or `default`, created if missing (as `serve` does). */
  readonly workspace: string | undefined;
  /** --config; when absent, HEADGATE_CONFIG. */
  readonly config: string | undefined;
}

export interface AdminSession {
  readonly store: Store;
  readonly configFile: string | undefined;
  /** Which workspaces a configuration manages, for commands that act on workspaces themselves. */
  readonly managed: ManagedWorkspaceRule;
  /** The admin context for one workspace of the store. */
  workspace(): Promise<{ readonly workspace: Workspace; readonly context: AdminContext }>;
  close(): Promise<void>;
}

export async function openAdminSession(options: AdminSessionOptions): Promise<AdminSession> {
  const { env, cwd } = options;
  const configText = options.config ?? env.HEADGATE_CONFIG;
  const configFile = configText ? resolve(cwd, configText) : undefined;
  const declared = configFile ? (await loadConfigFile(configFile, env)).workspaces.map((w) => w.name) : [];
  const managed: ManagedWorkspaceRule = {
    configDeclares: (name) =>
      configFile && declared.some((d) => d.toLowerCase() === name.toLowerCase())
        ? configFileManager(configFile)
        : undefined,
  };
  const store = await openStore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(cwd, env.HEADGATE_DATA_DIR || ".headgate"),
    env,
  });
  const baseDir = configFile ? dirname(configFile) : cwd;
  // One command, one process: nothing to batch. Closing the session writes what is left.
  const audit = new AuditTrail(store, { delayMs: 0 });
  const engines = new WorkspaceEngines({
    store,
    skipTokenSecret: randomBytes(32),
    limits: { maxPageSize: 1000, timeoutMs: 30_000 },
    baseDir,
    log: { info: () => {}, warn: () => {} },
    drainMs: 0,
  });
  return {
    store,
    configFile,
    managed,
    async workspace() {
      const workspace = await findWorkspace(store, options.workspace, env);
      const context: AdminContext = {
        store,
        baseDir,
        engines,
        ...managed,
        // A running server notices changed connections within its refresh interval.
        connectionsChanged: (id) => engines.invalidate(id),
        audit,
      };
      return { workspace, context };
    },
    async close() {
      await audit.flush();
      await engines.close();
      await store.close();
    },
  };
}

async function findWorkspace(store: Store, named: string | undefined, env: Env): Promise<Workspace> {
  if (named === undefined) return store.workspaces.ensure(env.HEADGATE_WORKSPACE?.trim() || "default");
  const found = await store.workspaces.findByName(named);
  if (found) return found;
  const names = (await store.workspaces.list()).map((w) => w.name);
  throw new GatewayError(
    "NotFound",
    `No workspace named '${named}' in this store (${names.length > 0 ? `its workspaces: ${names.join(", ")}` : "it has none yet"}); create it with \`headgate admin workspaces create ${named}\`.`,
    "--workspace",
  );
}
