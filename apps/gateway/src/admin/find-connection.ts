/**
 * Finds a workspace's connection by name (ignoring case) or id, as admins refer to them either
 * way. A connection of another workspace is simply not found: the answer is the same as for a
 * connection that does not exist, so nothing leaks across workspaces.
 */
import { didYouMean } from "@headgate/odata";
import { type Connection, type Store, StoreError } from "@headgate/store";
import { GatewayError } from "../errors/gateway-error.ts";

export async function findConnection(
  store: Store,
  workspaceId: string,
  reference: string,
): Promise<Connection> {
  const byName = await store.connections.findByName(workspaceId, reference);
  if (byName !== undefined) return byName;
  try {
    return await store.connections.get(workspaceId, reference);
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== "NotFound") throw error;
  }
  const names = (await store.connections.list(workspaceId)).map((c) => c.name);
  const known =
    names.length === 0 ? "the workspace has no connections yet" : `its connections: ${names.join(", ")}`;
  throw new GatewayError(
    "NotFound",
    `No connection '${reference}' in this workspace${didYouMean(reference, names) || ` (${known}).`}`,
    reference,
  );
}

/** A name taken by another connection of the workspace, as the store would report it. */
export async function assertNameFree(
  store: Store,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const existing = await store.connections.findByName(workspaceId, name);
  if (existing === undefined || existing.id === exceptId) return;
  throw new StoreError(
    "Conflict",
    `A connection named '${existing.name}' already exists in this workspace (names are compared ignoring case); choose another name. Nothing was saved.`,
    name,
  );
}
