/**
 * `headgate admin workspaces list|create|remove`: the workspaces of this store, through the same
 * operations as the operator's /admin/workspaces.
 */
import { createWorkspace, deleteWorkspace, listWorkspaces } from "../../admin/workspaces.ts";
import type { CommandInput } from "./command-input.ts";
import { shortInstant, textTable } from "./text-table.ts";
import { UsageError } from "./usage-error.ts";

export async function listWorkspacesCommand({ out, session }: CommandInput): Promise<number> {
  const value = await listWorkspaces({ store: session.store, ...session.managed });
  out.result({ value }, () =>
    value.length === 0
      ? "This store has no workspaces yet; create one with `headgate admin workspaces create <name>`."
      : textTable(
          ["NAME", "ID", "CREATED", "MANAGED BY"],
          value.map((w) => [w.name, w.id, shortInstant(w.createdAt), w.managedBy ?? "-"]),
        ),
  );
  return 0;
}

export async function createWorkspaceCommand({ out, session, args }: CommandInput): Promise<number> {
  const name = workspaceName(args.positionals, "create");
  const created = await createWorkspace({ store: session.store, ...session.managed }, { name });
  out.result(
    created,
    () =>
      `Created workspace '${created.name}'. Add connections with --workspace ${created.name}, and its first admin key with \`headgate admin keys create <name> --scope admin --workspace ${created.name}\`.`,
  );
  return 0;
}

export async function removeWorkspaceCommand({ out, session, args }: CommandInput): Promise<number> {
  const name = workspaceName(args.positionals, "remove");
  const removed = await deleteWorkspace({ store: session.store, ...session.managed }, name);
  out.result(
    { removed: removed.name, id: removed.id },
    () => `Removed workspace '${removed.name}' with its connections, API keys and audit log.`,
  );
  return 0;
}

function workspaceName(positionals: readonly string[], action: string): string {
  const [name, extra] = positionals;
  if (name === undefined)
    throw new UsageError(`workspaces ${action} needs a name, e.g. headgate admin workspaces ${action} acme.`);
  if (extra !== undefined)
    throw new UsageError(`workspaces ${action} takes one workspace; found also '${extra}'.`);
  return name;
}
