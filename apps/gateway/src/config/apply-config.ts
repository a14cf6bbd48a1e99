/**
 * Applies a validated headgate.yaml to the store. The file is declarative for the workspaces it
 * names: their connections become exactly the file's (created, updated when something differs,
 * removed when no longer listed), and the store records the file as what manages them, so the
 * admin API and the CLI of every process leave those workspaces alone. Workspaces the file does
 * not name, and every API key, stay under the admin API.
 */
import type { HeadgateConfig, LimitsConfig } from "@headgate/config";
import type { RelationshipDef } from "@headgate/engine";
import type { Connection, JsonObject, Store } from "@headgate/store";

export interface AppliedConfig {
  /** Workspace name → id, for the workspaces the file declares. */
  readonly workspaces: ReadonlyMap<string, string>;
  /** Relationships of each declared workspace, by workspace id. */
  readonly relationships: ReadonlyMap<string, readonly RelationshipDef[]>;
  readonly limits: LimitsConfig;
  /** What changed, as `workspace/connection` names, for the log. */
  readonly changes: { readonly created: string[]; readonly updated: string[]; readonly removed: string[] };
}

/** `manager` names the configuration in refusals, e.g. `the configuration file /srv/headgate.yaml`. */
export async function applyConfig(
  store: Store,
  config: HeadgateConfig,
  manager: string,
): Promise<AppliedConfig> {
  const workspaces = new Map<string, string>();
  for (const { name } of config.workspaces) workspaces.set(name, (await store.workspaces.ensure(name)).id);
  await store.workspaces.setManagedWorkspaces([...workspaces.values()], manager);
  const changes = { created: [] as string[], updated: [] as string[], removed: [] as string[] };
  for (const [name, workspaceId] of workspaces) {
    const wanted = config.connections.filter((c) => c.workspace === name);
    const existing = await store.connections.list(workspaceId);
    for (const connection of wanted) {
      const label = `${name}/${connection.name}`;
      const current = existing.find((e) => e.name.toLowerCase() === connection.name.toLowerCase());
      const input = {
        name: connection.name,
        kind: connection.kind,
        settings: connection.settings as JsonObject,
      };
      if (current === undefined) {
        await store.connections.create(workspaceId, { ...input, secrets: connection.secrets });
        changes.created.push(label);
      } else if (await differs(store, current, input, connection.secrets)) {
        await store.connections.update(workspaceId, current.id, {
          ...input,
          secrets: secretsPatch(current.secretNames, connection.secrets),
        });
        changes.updated.push(label);
      }
    }
    for (const stale of existing.filter(
      (e) => !wanted.some((w) => w.name.toLowerCase() === e.name.toLowerCase()),
    )) {
      await store.connections.delete(workspaceId, stale.id);
      changes.removed.push(`${name}/${stale.name}`);
    }
  }
  return { workspaces, relationships: relationshipsOf(config, workspaces), limits: config.limits, changes };
}

async function differs(
  store: Store,
  current: Connection,
  wanted: { name: string; kind: string; settings: JsonObject },
  secrets: Readonly<Record<string, string>>,
): Promise<boolean> {
  if (current.name !== wanted.name || current.kind !== wanted.kind) return true;
  if (JSON.stringify(current.settings) !== JSON.stringify(wanted.settings)) return true;
  const stored = await store.connections.revealSecrets(current.workspaceId, current.id);
  const names = new Set([...Object.keys(stored), ...Object.keys(secrets)]);
  return [...names].some((n) => stored[n] !== secrets[n]);
}

function secretsPatch(
  currentNames: readonly string[],
  secrets: Readonly<Record<string, string>>,
): Record<string, string | null> {
  const patch: Record<string, string | null> = { ...secrets };
  for (const name of currentNames) if (!(name in secrets)) patch[name] = null;
  return patch;
}

/** Relationships of the declared workspaces, by workspace id (read-only callers use this too). */
export function relationshipsOf(
  config: HeadgateConfig,
  workspaces: ReadonlyMap<string, string>,
): Map<string, RelationshipDef[]> {
  const result = new Map<string, RelationshipDef[]>();
  for (const relationship of config.relationships) {
    const workspaceId = workspaces.get(relationship.workspace);
    if (workspaceId === undefined) continue;
    const list = result.get(workspaceId) ?? [];
    list.push({
      name: relationship.name,
      from: { entitySet: relationship.from.entitySet, property: relationship.from.property },
      to: { entitySet: relationship.to.entitySet, property: relationship.to.property },
      collection: relationship.collection,
    });
    result.set(workspaceId, list);
  }
  return result;
}
