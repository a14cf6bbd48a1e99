/**
 * The audit entry of an MCP tool call, the same for both MCP doors: the tool's name goes before
 * the query text (`get_entity ('23-104')`), except for `query_entity_set`, whose text is the
 * query itself. Only the door tells HTTP and stdio apart.
 */
import type { McpQueryOutcome } from "@headgate/mcp";
import type { Principal } from "../auth/principal.ts";
import type { Logger } from "../workspaces/workspace-engines.ts";
import { type AuditRecorder, auditQuery } from "./audit-query.ts";

export function auditToolCall(
  trail: AuditRecorder,
  log: Logger,
  principal: Principal,
  door: "mcp-http" | "mcp-stdio",
  outcome: McpQueryOutcome,
): void {
  auditQuery(trail, log, principal, {
    door,
    entitySet: outcome.entitySet,
    query: outcome.tool === "query_entity_set" ? outcome.query : `${outcome.tool} ${outcome.query}`,
    ...(outcome.plan ? { plan: outcome.plan } : {}),
    ...(outcome.upstreamCalls === undefined ? {} : { upstreamCalls: outcome.upstreamCalls }),
    ...(outcome.rows === undefined ? {} : { rows: outcome.rows }),
    ...(outcome.bytes === undefined ? {} : { bytes: outcome.bytes }),
    durationMs: outcome.durationMs,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  });
}
