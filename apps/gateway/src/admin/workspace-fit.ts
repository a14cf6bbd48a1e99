/**
 * A connection must fit beside the workspace's other connections: an entity set name (ignoring
 * case) or an entity type name served twice would make the workspace's engine leave one of the
 * connections out. Checked against the workspace's current model before anything is saved.
 */
import type { EntitySetDef } from "@headgate/model";
import { GatewayError } from "../errors/gateway-error.ts";
import type { WorkspaceEngines } from "../workspaces/workspace-engines.ts";

export type WorkspaceModels = Pick<WorkspaceEngines, "runtime">;

export async function assertFitsWorkspace(
  engines: WorkspaceModels,
  workspaceId: string,
  connection: { readonly name: string; readonly replacing?: string },
  entitySets: readonly EntitySetDef[],
): Promise<void> {
  const runtime = await engines.runtime(workspaceId);
  const replacing = connection.replacing?.toLowerCase();
  const others = runtime.engine.model.entitySets
    .map((set) => ({ set, owner: runtime.connectionOf(set.name) ?? "another connection" }))
    .filter(({ owner }) => owner.toLowerCase() !== replacing);
  for (const set of entitySets) {
    const sameName = others.find((o) => o.set.name.toLowerCase() === set.name.toLowerCase());
    if (sameName) throw clash(connection.name, `entity set '${set.name}'`, sameName.owner);
    const sameType = others.find(
      (o) => o.set.entityType.name === set.entityType.name && o.set.entityType !== set.entityType,
    );
    if (sameType) throw clash(connection.name, `entity type '${set.entityType.name}'`, sameType.owner);
  }
}

function clash(connection: string, what: string, owner: string): GatewayError {
  const prefix = `${connection.charAt(0).toUpperCase()}${connection.slice(1).replace(/[^A-Za-z0-9_]/g, "")}_`;
  return new GatewayError(
    "InvalidRequest",
    `connection '${connection}' exposes ${what}, which connection '${owner}' already exposes in this workspace; set settings.entitySetPrefix (e.g. '${prefix}') on one of them. Nothing was saved.`,
    "settings.entitySetPrefix",
  );
}
