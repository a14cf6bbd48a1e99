/**
 * Workspaces: the unit of isolation. Everything else (connections, keys, tokens, audit) hangs
 * off one, and deleting it deletes all of that through the database's cascades.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { toDate } from "../database/column-values.ts";
import { isUniqueViolation, withStorageErrors } from "../database/storage-errors.ts";
import { notFound, StoreError } from "../errors.ts";
import { inTransaction, type StoreContext } from "../store-context.ts";
import { validateWorkspaceName } from "./workspace-name.ts";

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  /**
   * What manages the workspace's connections, e.g. `the configuration file /etc/headgate.yaml`;
   * null when the admin API and CLI do. Set by the gateway that applies a configuration.
   */
  readonly managedBy: string | null;
}

interface WorkspaceRow {
  id: string;
  name: string;
  created_at: number | string;
  managed_by: string | null;
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return { id: row.id, name: row.name, createdAt: toDate(row.created_at), managedBy: row.managed_by };
}

export class WorkspaceRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  /** Creates a workspace; a taken name is a `Conflict`. */
  async create(input: { readonly name: string }): Promise<Workspace> {
    const name = validateWorkspaceName(input.name);
    const row: WorkspaceRow = { id: randomUUID(), name, created_at: this.#context.now(), managed_by: null };
    await withStorageErrors(async () => {
      try {
        await this.#context.knex("workspaces").insert(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new StoreError(
          "Conflict",
          `A workspace named '${name}' already exists; choose another name.`,
          name,
        );
      }
    });
    return toWorkspace(row);
  }

  /** The workspace with this name, created if missing (start-up bootstrap; safe to race). */
  async ensure(name: string): Promise<Workspace> {
    const existing = await this.findByName(validateWorkspaceName(name));
    if (existing) return existing;
    try {
      return await this.create({ name });
    } catch (error) {
      if (error instanceof StoreError && error.code === "Conflict") {
        const winner = await this.findByName(name);
        if (winner) return winner;
      }
      throw error;
    }
  }

  list(): Promise<Workspace[]> {
    return withStorageErrors(async () => {
      const rows: WorkspaceRow[] = await this.#context.knex("workspaces").orderBy("name").select();
      return rows.map(toWorkspace);
    });
  }

  async get(workspaceId: string): Promise<Workspace> {
    const row: WorkspaceRow | undefined = await withStorageErrors(() =>
      this.#context.knex("workspaces").where({ id: workspaceId }).first(),
    );
    if (row === undefined) throw notFound("Workspace", workspaceId);
    return toWorkspace(row);
  }

  findByName(name: string): Promise<Workspace | undefined> {
    return withStorageErrors(async () => {
      const row: WorkspaceRow | undefined = await this.#context.knex("workspaces").where({ name }).first();
      return row === undefined ? undefined : toWorkspace(row);
    });
  }

  /**
   * Records what manages which workspaces: `workspaceIds` are managed by `manager`, and every
   * other workspace by nobody, because the configuration a gateway applies is the store's only
   * one (a gateway started without one frees every workspace).
   */
  async setManagedWorkspaces(workspaceIds: readonly string[], manager: string): Promise<void> {
    await inTransaction(this.#context, async (trx) => {
      await trx("workspaces")
        .whereNotIn("id", workspaceIds)
        .whereNotNull("managed_by")
        .update({ managed_by: null });
      if (workspaceIds.length > 0)
        await trx("workspaces").whereIn("id", workspaceIds).update({ managed_by: manager });
    });
  }

  /** Deletes the workspace with its connections, secrets, tokens, keys and audit entries. */
  async delete(workspaceId: string): Promise<void> {
    const deleted = await withStorageErrors(() =>
      this.#context.knex("workspaces").where({ id: workspaceId }).del(),
    );
    this.#context.authentications.forgetWorkspace(workspaceId);
    if (deleted === 0) throw notFound("Workspace", workspaceId);
  }
}

/** Inside a transaction: the workspace must exist, or the caller gets a clear `NotFound`. */
export async function assertWorkspaceExists(knex: Knex, workspaceId: string): Promise<void> {
  const row = await knex("workspaces").where({ id: workspaceId }).first("id");
  if (row === undefined) throw notFound("Workspace", workspaceId);
}
