/** `headgate admin workspaces list|create`: the workspaces of this store. */
import type { CommandInput } from "./command-input.ts";
import { shortInstant, textTable } from "./text-table.ts";
import { UsageError } from "./usage-error.ts";

export async function listWorkspacesCommand({ out, session }: CommandInput): Promise<number> {
  const workspaces = await session.store.workspaces.list();
  const value = workspaces.map((w) => ({ id: w.id, name: w.name, createdAt: w.createdAt.toISOString() }));
  out.result({ value }, () =>
    value.length === 0
      ? "This store has no workspaces yet; create one with `headgate admin workspaces create <name>`."
      : textTable(
          ["NAME", "ID", "CREATED"],
          value.map((w) => [w.name, w.id, shortInstant(w.createdAt)]),
        ),
  );
  return 0;
}

export async function createWorkspaceCommand({ out, session, args }: CommandInput): Promise<number> {
  const [name] = args.positionals;
  if (name === undefined)
    throw new UsageError("workspaces create needs a name, e.g. headgate admin workspaces create acme.");
  const created = await session.store.workspaces.create({ name });
  const view = { id: created.id, name: created.name, createdAt: created.createdAt.toISOString() };
  out.result(
    view,
    () => `Created workspace '${created.name}'. Add connections with --workspace ${created.name}.`,
  );
  return 0;
}
