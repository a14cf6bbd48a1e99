/**
 * `headgate admin connections ...`: the connection operations of the admin API, from the
 * terminal. Adding and testing reach the upstream, so both say what they are doing as they go.
 */

import type { ConnectorWarning, LeftOutItem } from "@headgate/connector-kit";
import type { ConnectionView } from "../../admin/admin-views.ts";
import type { AdminAsker } from "../../admin/connection-test-audit.ts";
import {
  createConnection,
  deleteConnection,
  listConnectionEntitySets,
  listConnections,
  type SavedConnection,
  showConnection,
  testStoredConnection,
  updateConnection,
} from "../../admin/connections.ts";
import type { EntitySetCheck, TestProgress } from "../../connections/test-connection.ts";
import { all, flag, single } from "./admin-arguments.ts";
import type { CommandInput } from "./command-input.ts";
import { secretsFrom, settingsFrom } from "./key-values.ts";
import { clip, shortInstant, textTable } from "./text-table.ts";
import { UsageError } from "./usage-error.ts";

export async function listConnectionsCommand({ out, workspace }: CommandInput): Promise<number> {
  const { workspace: ws, context } = await workspace();
  const connections = await listConnections(context, ws.id);
  out.result({ value: connections }, () =>
    connections.length === 0
      ? `Workspace '${ws.name}' has no connections yet; add one with \`headgate admin connections add\`.`
      : textTable(
          ["NAME", "KIND", "SECRETS", "UPDATED", "SETTINGS"],
          connections.map((c) => [
            c.name,
            c.kind,
            c.secretNames.join(",") || "-",
            shortInstant(c.updatedAt),
            clip(JSON.stringify(c.settings), 70),
          ]),
        ),
  );
  return 0;
}

export async function showConnectionCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const { workspace: ws, context } = await workspace();
  const connection = await showConnection(context, ws.id, reference(args.positionals, "show"));
  out.result(connection, () => describeConnection(connection));
  return 0;
}

export async function addConnectionCommand({ out, workspace, args, env }: CommandInput): Promise<number> {
  const name = single(args, "name") ?? args.positionals[0];
  const kind = single(args, "kind");
  if (name === undefined || kind === undefined)
    throw new UsageError(
      "connections add needs --name <name> and --kind <kind>.",
      name ? "--kind" : "--name",
    );
  const test = !flag(args, "no-test");
  const settings = settingsFrom(all(args, "setting"));
  const secrets = secretsFrom(all(args, "secret"), all(args, "secret-env"), env);
  const { workspace: ws, context } = await workspace();
  if (test)
    out.progress(`Checking connection '${name}' (${kind}): opening it and reading its entity sets...`);
  const created = await createConnection(context, ws.id, { name, kind, settings, secrets, test });
  out.result(
    created,
    () =>
      `Added connection '${created.name}' to workspace '${ws.name}'${test ? "" : " (untested)"}.\n\n${describeConnection(created)}${checkLines(created.check)}`,
  );
  return 0;
}

export async function updateConnectionCommand({ out, workspace, args, env }: CommandInput): Promise<number> {
  const target = reference(args.positionals, "update");
  const { workspace: ws, context } = await workspace();
  const existing = await showConnection(context, ws.id, target);
  const settingsChange = all(args, "setting").length > 0 || all(args, "unset-setting").length > 0;
  const settings = settingsFrom(all(args, "setting"), existing.settings);
  for (const key of all(args, "unset-setting")) delete (settings as Record<string, unknown>)[key];
  const secrets: Record<string, string | null> = secretsFrom(
    all(args, "secret"),
    all(args, "secret-env"),
    env,
  );
  for (const key of all(args, "remove-secret")) secrets[key] = null;
  const rename = single(args, "name");
  const kind = single(args, "kind");
  const changesUpstream = settingsChange || kind !== undefined || Object.keys(secrets).length > 0;
  if (changesUpstream && !flag(args, "no-test"))
    out.progress(
      `Checking connection '${existing.name}' with the changes: opening it and reading its entity sets...`,
    );
  const updated = await updateConnection(context, ws.id, existing.id, {
    ...(rename === undefined ? {} : { name: rename }),
    ...(kind === undefined ? {} : { kind }),
    ...(settingsChange ? { settings } : {}),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
    test: !flag(args, "no-test"),
  });
  out.result(
    updated,
    () =>
      `Updated connection '${updated.name}'.\n\n${describeConnection(updated)}${checkLines(updated.check)}`,
  );
  return 0;
}

export async function removeConnectionCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const target = reference(args.positionals, "remove");
  const { workspace: ws, context } = await workspace();
  const existing = await showConnection(context, ws.id, target);
  await deleteConnection(context, ws.id, existing.id);
  out.result(
    { removed: existing.name, id: existing.id },
    () => `Removed connection '${existing.name}' and its secrets.`,
  );
  return 0;
}

export async function testConnectionCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const target = reference(args.positionals, "test");
  const { workspace: ws, context } = await workspace();
  out.progress(`Testing connection '${target}'...`);
  const asker: AdminAsker = {
    principal: { workspaceId: ws.id, keyId: null, scopes: ["query", "admin"] },
    log: { info: () => {}, warn: (_object, message) => out.error(`warning: ${message}`) },
  };
  const report = await testStoredConnection(context, asker, target, (p) => out.progress(progressLine(p)));
  out.result(report, () => {
    const found = inspectionLines(report.leftOut, report.warnings);
    if (report.error) return `FAILED after ${report.durationMs} ms: ${report.error.message}${found}`;
    const failed = report.entitySets.filter((s) => !s.ok).length;
    const total = report.entitySets.length;
    return failed === 0
      ? `OK: all ${total} entity sets answered (${report.durationMs} ms).${found}`
      : `FAILED: ${failed} of ${total} entity sets could not be read (${report.durationMs} ms).${found}`;
  });
  return report.ok ? 0 : 1;
}

export async function entitySetsCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const target = reference(args.positionals, "entity-sets");
  const { workspace: ws, context } = await workspace();
  const sets = await listConnectionEntitySets(context, ws.id, target);
  out.result({ value: sets }, () =>
    textTable(
      ["NAME", "KEY", "PROPERTIES", "NAVIGATION", "REQUIRED FILTER", "DESCRIPTION"],
      sets.map((s) => [
        s.name,
        s.key.join(","),
        String(s.propertyCount),
        String(s.navigationCount),
        s.requiredFilter.join(",") || "-",
        clip(s.description ?? "", 60),
      ]),
    ),
  );
  return 0;
}

function reference(positionals: readonly string[], action: string): string {
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError(`connections ${action} needs the connection's name or id.`);
  if (extra !== undefined)
    throw new UsageError(`connections ${action} takes one connection; found also '${extra}'.`);
  return name;
}

function describeConnection(c: ConnectionView): string {
  return [
    `name:     ${c.name}`,
    `id:       ${c.id}`,
    `kind:     ${c.kind}`,
    `settings: ${JSON.stringify(c.settings, null, 2).replace(/\n/g, "\n          ")}`,
    `secrets:  ${c.secretNames.join(", ") || "(none)"}`,
    `created:  ${c.createdAt}`,
    `updated:  ${c.updatedAt}`,
  ].join("\n");
}

function checkLines(check: SavedConnection["check"]): string {
  if (check === undefined) return "";
  return `\n\nExposes ${check.entitySets.length} entity sets.${inspectionLines(check.leftOut, check.warnings)}`;
}

/** What the connection leaves out (each with its fix) and warns of; nothing when neither. */
function inspectionLines(leftOut: readonly LeftOutItem[], warnings: readonly ConnectorWarning[]): string {
  const lines: string[] = [];
  if (leftOut.length > 0) lines.push("", `Left out (${leftOut.length}):`);
  for (const item of leftOut) {
    lines.push(
      `  ${item.name} (${item.kind}, ${item.reason}): ${item.message}`,
      `    Fix: ${item.fix.message}`,
    );
    if (item.fix.settings !== undefined) lines.push(`    Settings: ${JSON.stringify(item.fix.settings)}`);
  }
  if (warnings.length > 0) lines.push("", "Warnings:");
  for (const warning of warnings) lines.push(`  ${warning.code}: ${warning.message}`);
  return lines.length === 0 ? "" : `\n${lines.join("\n")}`;
}

function progressLine(progress: TestProgress): string {
  if (progress.type === "opened")
    return `Opened ${progress.target}: ${progress.entitySets.length} entity sets, reading one row of each.`;
  return `  [${progress.index + 1}/${progress.total}] ${checkLine(progress.check)}`;
}

function checkLine(check: EntitySetCheck): string {
  if (check.error) return `FAIL  ${check.name}: ${check.error.message}`;
  if (check.skipped) return `skip  ${check.name}: ${check.skipped}`;
  return `ok    ${check.name} (${check.durationMs} ms${check.sampleRow ? "" : ", empty"})`;
}
