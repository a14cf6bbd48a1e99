/**
 * Connection administration, shared by the admin API and the `headgate admin` CLI: list, show,
 * create, update, delete, test, and list a connection's entity sets. Writes are checked in full
 * (settings, upstream, name) before anything is stored, and tell the workspace's engine.
 */
import type { JsonObject, SecretsPatch } from "@headgate/store";
import type { ConnectionDefinition } from "../connections/open-connection.ts";
import {
  type ConnectionTestReport,
  probeConnection,
  type TestProgress,
  testConnection,
} from "../connections/test-connection.ts";
import { type AdminContext, assertConnectionsWritable } from "./admin-context.ts";
import {
  type ConnectionView,
  connectionView,
  type EntitySetSummary,
  entitySetSummary,
} from "./admin-views.ts";
import {
  assertNoPasswordInSettings,
  type ConnectionCheck,
  connectionCheck,
  verifyConnection,
} from "./connection-checks.ts";
import { type AdminAsker, auditConnectionTest } from "./connection-test-audit.ts";
import { assertNameFree, findConnection } from "./find-connection.ts";
import { assertFitsWorkspace } from "./workspace-fit.ts";

export interface NewConnectionInput {
  readonly name: string;
  readonly kind: string;
  readonly settings?: JsonObject;
  readonly secrets?: Readonly<Record<string, string>>;
  /** Reach the upstream before saving (default true). */
  readonly test?: boolean;
}

export interface ConnectionPatch {
  readonly name?: string;
  readonly kind?: string;
  /** Replaces the settings object as a whole. */
  readonly settings?: JsonObject;
  /** Sets the given secrets; `null` removes one; secrets not named stay. */
  readonly secrets?: SecretsPatch;
  /** Reach the upstream before saving a changed kind, settings or secrets (default true). */
  readonly test?: boolean;
}

/** A written connection, with what its test found (when it was tested). */
export type SavedConnection = ConnectionView & { readonly check?: ConnectionCheck };

export async function listConnections(context: AdminContext, workspaceId: string): Promise<ConnectionView[]> {
  return (await context.store.connections.list(workspaceId)).map(connectionView);
}

export async function showConnection(
  context: AdminContext,
  workspaceId: string,
  reference: string,
): Promise<ConnectionView> {
  return connectionView(await findConnection(context.store, workspaceId, reference));
}

export async function createConnection(
  context: AdminContext,
  workspaceId: string,
  input: NewConnectionInput,
): Promise<SavedConnection> {
  await assertConnectionsWritable(context, workspaceId);
  await assertNameFree(context.store, workspaceId, input.name);
  const settings = input.settings ?? {};
  const secrets = input.secrets ?? {};
  const definition = { name: input.name, kind: input.kind, settings };
  const check = await checkConnection(context, workspaceId, definition, secrets, {
    test: input.test ?? true,
  });
  const created = await context.store.connections.create(workspaceId, {
    name: input.name,
    kind: input.kind,
    settings,
    secrets,
  });
  context.connectionsChanged(workspaceId);
  return withCheck(connectionView(created), check);
}

export async function updateConnection(
  context: AdminContext,
  workspaceId: string,
  reference: string,
  patch: ConnectionPatch,
): Promise<SavedConnection> {
  await assertConnectionsWritable(context, workspaceId);
  const existing = await findConnection(context.store, workspaceId, reference);
  if (patch.name !== undefined) await assertNameFree(context.store, workspaceId, patch.name, existing.id);
  const definition = {
    name: patch.name ?? existing.name,
    kind: patch.kind ?? existing.kind,
    settings: patch.settings ?? existing.settings,
  };
  let check: ConnectionCheck | undefined;
  if (patch.kind !== undefined || patch.settings !== undefined || patch.secrets !== undefined) {
    const current = await context.store.connections.revealSecrets(workspaceId, existing.id);
    check = await checkConnection(
      context,
      workspaceId,
      definition,
      mergeSecrets(current, patch.secrets ?? {}),
      {
        test: patch.test ?? true,
        replacing: existing.name,
      },
    );
  }
  const { test: _test, ...update } = patch;
  const updated = await context.store.connections.update(workspaceId, existing.id, update);
  context.connectionsChanged(workspaceId);
  return withCheck(connectionView(updated), check);
}

export async function deleteConnection(
  context: AdminContext,
  workspaceId: string,
  reference: string,
): Promise<void> {
  await assertConnectionsWritable(context, workspaceId);
  const existing = await findConnection(context.store, workspaceId, reference);
  await context.store.connections.delete(workspaceId, existing.id);
  context.connectionsChanged(workspaceId);
}

/**
 * Tests a stored connection; the report says what failed, it does not throw for it. The sample
 * rows it reads are audited as the admin door's query.
 */
export async function testStoredConnection(
  context: AdminContext,
  asker: AdminAsker,
  reference: string,
  onProgress?: (progress: TestProgress) => void,
): Promise<ConnectionTestReport> {
  const { workspaceId } = asker.principal;
  const connection = await findConnection(context.store, workspaceId, reference);
  const secrets = await context.store.connections.revealSecrets(workspaceId, connection.id);
  const report = await testConnection(connection, secrets, {
    baseDir: context.baseDir,
    ...(onProgress ? { onProgress } : {}),
  });
  if (context.audit) auditConnectionTest(context.audit, asker, report);
  return report;
}

/** The entity sets a stored connection exposes, asked of its upstream now. */
export async function listConnectionEntitySets(
  context: AdminContext,
  workspaceId: string,
  reference: string,
): Promise<EntitySetSummary[]> {
  const connection = await findConnection(context.store, workspaceId, reference);
  const secrets = await context.store.connections.revealSecrets(workspaceId, connection.id);
  const probe = await probeConnection(connection, secrets, { baseDir: context.baseDir });
  return probe.entitySets.map(entitySetSummary);
}

/**
 * Everything a connection passes before it is written: no password in the clear-text settings,
 * settings and kind the connector accepts, and unless `test` is false an upstream that answers
 * with entity sets that fit beside the workspace's other connections. Answers what the test
 * found: what the connection exposes, leaves out and warns of.
 */
async function checkConnection(
  context: AdminContext,
  workspaceId: string,
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: { readonly test: boolean; readonly replacing?: string },
): Promise<ConnectionCheck | undefined> {
  assertNoPasswordInSettings(definition.settings);
  const probe = await verifyConnection(definition, secrets, { baseDir: context.baseDir, test: options.test });
  if (probe === undefined) return undefined;
  if (context.engines !== undefined) {
    const connection = {
      name: definition.name,
      ...(options.replacing ? { replacing: options.replacing } : {}),
    };
    await assertFitsWorkspace(context.engines, workspaceId, connection, probe.entitySets);
  }
  return connectionCheck(probe);
}

function withCheck(view: ConnectionView, check: ConnectionCheck | undefined): SavedConnection {
  return check === undefined ? view : { ...view, check };
}

function mergeSecrets(
  current: Readonly<Record<string, string>>,
  patch: SecretsPatch,
): Readonly<Record<string, string>> {
  const merged: Record<string, string> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}
