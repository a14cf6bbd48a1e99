/**
 * A connection test reads one row of every entity set and shows them to the admin: data leaves
 * the gateway through the admin door, so each test leaves one audit entry, as a query does.
 */
import { type AuditRecorder, auditQuery } from "../audit/audit-query.ts";
import type { Principal } from "../auth/principal.ts";
import type { ConnectionTestReport } from "../connections/test-connection.ts";
import type { Logger } from "../workspaces/workspace-engines.ts";

/** Who asked for an admin operation that reads data (the CLI asks without a key). */
export interface AdminAsker {
  readonly principal: Principal;
  /** Where a failed audit write is logged. */
  readonly log: Logger;
}

export function auditConnectionTest(
  trail: AuditRecorder,
  asker: AdminAsker,
  report: ConnectionTestReport,
): void {
  const read = report.entitySets.filter((check) => check.skipped === undefined);
  const problem = report.error ?? read.find((check) => !check.ok)?.error;
  auditQuery(trail, asker.log, asker.principal, {
    door: "admin",
    entitySet: null,
    query: `connection test '${report.connection}'`,
    upstreamCalls: read.length,
    rows: read.filter((check) => check.sampleRow !== undefined).length,
    bytes: Buffer.byteLength(JSON.stringify(read.map((check) => check.sampleRow ?? null))),
    durationMs: report.durationMs,
    ...(report.ok ? {} : { errorCode: problem?.code ?? "UpstreamError" }),
  });
}
