/**
 * Workspace administration, shared by the operator's admin API (/admin/workspaces) and the CLI
 * (`headgate admin workspaces`): list, create (over the API with the new workspace's first
 * admin key, shown once), delete. A workspace a configuration manages is not deleted here, by
 * the same rule that keeps its connections.
 */
import { didYouMean } from "@headgate/odata";
import { type Store, StoreError, type Workspace } from "@headgate/store";
import { GatewayError } from "../errors/gateway-error.ts";
import { type CreatedKeyView, createKey } from "./keys.ts";
import { assertNotManaged, type ManagedWorkspaceRule, managerOf } from "./managed-workspaces.ts";

export interface WorkspaceContext extends ManagedWorkspaceRule {
  readonly store: Store;
  /** Called after a workspace is deleted, so its engine is dropped. */
  readonly connectionsChanged?: (workspaceId: string) => void;
}

export interface WorkspaceView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** What manages the workspace's connections (a configuration); null when its admins do. */
  readonly managedBy: string | null;
}

export interface CreatedWorkspaceView extends WorkspaceView {
  /** The workspace's first admin key, when one was asked for: its plaintext is shown this once. */
  readonly adminKey?: CreatedKeyView;
}

export interface NewWorkspaceInput {
  readonly name: string;
  /** Also create an admin key (scopes query and admin) of this name in the new workspace. */
  readonly adminKeyName?: string;
}

export async function listWorkspaces(context: WorkspaceContext): Promise<WorkspaceView[]> {
  return (await context.store.workspaces.list()).map((w) => workspaceView(context, w));
}

/** Creates the workspace and, when asked, its first admin key; if the key fails, nothing stays. */
export async function createWorkspace(
  context: WorkspaceContext,
  input: NewWorkspaceInput,
): Promise<CreatedWorkspaceView> {
  const workspace = await context.store.workspaces.create({ name: input.name });
  const view = workspaceView(context, workspace);
  if (input.adminKeyName === undefined) return view;
  try {
    const adminKey = await createKey(context, workspace.id, {
      name: input.adminKeyName,
      scopes: ["query", "admin"],
    });
    return { ...view, adminKey };
  } catch (error) {
    await context.store.workspaces.delete(workspace.id);
    throw error;
  }
}

/**
 * Deletes a workspace with everything in it. `callerWorkspaceId` is the workspace of the key
 * asking, which may not delete itself (the request would end by deleting its own key).
 */
export async function deleteWorkspace(
  context: WorkspaceContext,
  reference: string,
  callerWorkspaceId?: string,
): Promise<WorkspaceView> {
  const workspace = await findWorkspace(context.store, reference);
  if (workspace.id === callerWorkspaceId)
    throw new StoreError(
      "Conflict",
      `Workspace '${workspace.name}' holds the API key of this request, so deleting it would delete that key too: delete it with an operator key of another workspace, or with \`headgate admin workspaces remove ${workspace.name}\`. Nothing was deleted.`,
      "workspace",
    );
  assertNotManaged(
    context,
    workspace,
    "it cannot be deleted",
    "Remove it from that configuration first; once the gateway has applied the change, it can be deleted.",
  );
  await context.store.workspaces.delete(workspace.id);
  context.connectionsChanged?.(workspace.id);
  return workspaceView(context, workspace);
}

/** A workspace by name or id; an unknown one is a 404 with the nearest name. */
export async function findWorkspace(store: Store, reference: string): Promise<Workspace> {
  const byName = await store.workspaces.findByName(reference);
  if (byName !== undefined) return byName;
  try {
    return await store.workspaces.get(reference);
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== "NotFound") throw error;
  }
  const names = (await store.workspaces.list()).map((w) => w.name);
  throw new GatewayError(
    "NotFound",
    `No workspace '${reference}' in this store${didYouMean(reference, names) || ` (${names.length > 0 ? `its workspaces: ${names.join(", ")}` : "it has none yet"}).`}`,
    reference,
  );
}

function workspaceView(rule: ManagedWorkspaceRule, workspace: Workspace): WorkspaceView {
  return {
    id: workspace.id,
    name: workspace.name,
    createdAt: workspace.createdAt.toISOString(),
    managedBy: managerOf(rule, workspace) ?? null,
  };
}
