/**
 * `headgate mcp`: the MCP server over stdio for a local client (Claude Desktop, Claude Code,
 * Cursor) acting as one principal. stdout carries only protocol messages; the audit's warnings
 * go to stderr. Both protocol eras are served (the SDK pins the era a connection opens with).
 */
import { createMcpServer } from "@headgate/mcp";
import type { Store } from "@headgate/store";
import { type StdioServerHandle, serveStdio } from "@modelcontextprotocol/server/stdio";
import { auditQuery } from "../audit/audit-query.ts";
import { AuditTrail } from "../audit/audit-trail.ts";
import type { Principal } from "../auth/principal.ts";
import type { Logger, WorkspaceEngines } from "../workspaces/workspace-engines.ts";

export interface RunMcpStdioOptions {
  readonly store: Store;
  readonly engines: WorkspaceEngines;
  readonly principal: Principal;
  readonly version?: string;
  /** The OData service root shown in search/fetch urls, when the gateway also serves HTTP. */
  readonly odataRoot?: string;
  readonly maxResultTokens?: number;
}

/** Logs as JSON lines on stderr: stdout belongs to the protocol. */
export const stderrLogger: Logger = {
  info: (object, message) =>
    process.stderr.write(`${JSON.stringify({ level: "info", message, ...object })}\n`),
  warn: (object, message) =>
    process.stderr.write(`${JSON.stringify({ level: "warn", message, ...object })}\n`),
};

export function runMcpStdio(options: RunMcpStdioOptions): StdioServerHandle {
  const { store, engines, principal } = options;
  // One client, few queries, and a process that ends when stdin does: no batching.
  const audit = new AuditTrail(store, { delayMs: 0 });
  return serveStdio(
    () =>
      createMcpServer({
        engine: () => engines.engine(principal.workspaceId),
        serverInfo: { name: "headgate", version: options.version ?? "0.1.0" },
        ...(options.odataRoot ? { odataRoot: options.odataRoot } : {}),
        ...(options.maxResultTokens ? { budget: { maxResultTokens: options.maxResultTokens } } : {}),
        onQuery: (outcome) => {
          auditQuery(audit, stderrLogger, principal, {
            door: "mcp",
            entitySet: outcome.entitySet,
            query: outcome.tool === "query_entity_set" ? outcome.query : `${outcome.tool} ${outcome.query}`,
            ...(outcome.plan ? { plan: outcome.plan } : {}),
            upstreamCalls: outcome.upstreamCalls ?? 0,
            rows: outcome.rows ?? 0,
            bytes: outcome.bytes ?? 0,
            durationMs: outcome.durationMs,
            ...(outcome.error === undefined ? {} : { error: outcome.error }),
          });
        },
      }),
    { onerror: (error) => stderrLogger.warn({ err: error.message }, "MCP stdio error") },
  );
}
