/**
 * `headgate mcp`: the MCP server over stdio for a local client (Claude Desktop, Claude Code,
 * Cursor) acting as one principal. stdout carries only protocol messages; the audit's warnings
 * and each failure, under the correlation id its client is shown, go to stderr. Both protocol
 * eras are served (the SDK pins the era a connection opens with).
 */
import { randomUUID } from "node:crypto";
import { createMcpServer } from "@headgate/mcp";
import type { ODataError } from "@headgate/odata";
import type { Store } from "@headgate/store";
import { type StdioServerHandle, serveStdio } from "@modelcontextprotocol/server/stdio";
import { auditToolCall } from "../audit/audit-tool-call.ts";
import { AuditTrail } from "../audit/audit-trail.ts";
import type { Principal } from "../auth/principal.ts";
import { answerError, type ErrorLog } from "../server/error-handler.ts";
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
export const stderrLogger: Logger & ErrorLog = {
  info: (object, message) => writeLine("info", object, message),
  warn: (object, message) => writeLine("warn", object, message),
  error: (object, message) => writeLine("error", object, message),
};

function writeLine(level: string, object: object, message: string): void {
  process.stderr.write(`${JSON.stringify({ level, message, ...object }, serializeErrors)}\n`);
}

/** As pino's `err` serializer: an Error's own fields are not enumerable, so JSON would drop them. */
function serializeErrors(_key: string, value: unknown): unknown {
  return value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;
}

/**
 * A failure of one tool call, logged under a fresh correlation id (`reqId`, as HTTP requests log
 * theirs) that the client's message quotes.
 */
function answerStdioFailure(error: unknown): ODataError {
  const reqId = randomUUID();
  const log: ErrorLog = {
    error: (object, message) => stderrLogger.error({ reqId, ...object }, message),
    info: (object, message) => stderrLogger.info({ reqId, ...object }, message),
  };
  return answerError(error, reqId, log);
}

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
        onFailure: answerStdioFailure,
        onQuery: (outcome) => auditToolCall(audit, stderrLogger, principal, "mcp-stdio", outcome),
      }),
    { onerror: (error) => stderrLogger.warn({ err: error.message }, "MCP stdio error") },
  );
}
