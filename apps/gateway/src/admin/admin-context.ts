/**
 * What the admin operations need, and nothing more: the REST routes pass the gateway context,
 * the `headgate admin` CLI builds one from the environment, and both doors then run the same
 * operations with the same checks and the same errors.
 */
import type { Store } from "@headgate/store";
import type { AuditTrail } from "../audit/audit-trail.ts";
import { assertNotManaged, type ManagedWorkspaceRule } from "./managed-workspaces.ts";
import type { WorkspaceModels } from "./workspace-fit.ts";

export interface AdminContext extends ManagedWorkspaceRule {
  readonly store: Store;
  /** Relative SQLite paths in connection settings resolve against this directory. */
  readonly baseDir: string;
  /** The workspaces' current models, to check that a new connection fits beside the others. */
  readonly engines?: WorkspaceModels;
  /** Called after a workspace's connections changed, so its engine is rebuilt. */
  readonly connectionsChanged: (workspaceId: string) => void;
  /**
   * The audit trail: the admin door's own reads (connection tests) are recorded in it, and the
   * entries this process still holds are written before the log is read.
   */
  readonly audit?: Pick<AuditTrail, "flush" | "record">;
}

/** Refuses connection writes in a workspace that a configuration manages. */
export async function assertConnectionsWritable(context: AdminContext, workspaceId: string): Promise<void> {
  assertNotManaged(
    context,
    await context.store.workspaces.get(workspaceId),
    "its connections cannot be changed",
    "Change that configuration instead, or keep your own connections in a workspace of your own.",
  );
}
