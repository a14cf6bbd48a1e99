/**
 * Every answered (or refused) query leaves one audit entry: who, which door, which entity set,
 * what was pushed and what ran in the gateway, upstream calls, rows, bytes, time, outcome.
 * Writing it never delays or fails the answer (audit-trail.ts batches the writes); a failed
 * write is logged instead.
 */
import type { Explanation } from "@headgate/engine";
import { ODataError } from "@headgate/odata";
import type { AuditDoor } from "@headgate/store";
import type { Principal } from "../auth/principal.ts";
import { redactCredentials } from "../logging/redact-credentials.ts";
import type { Logger } from "../workspaces/workspace-engines.ts";
import type { AuditTrail } from "./audit-trail.ts";

export interface QueryOutcome {
  readonly door: AuditDoor;
  readonly entitySet: string | null;
  /** The query as asked, in canonical OData text. */
  readonly query: string;
  readonly plan?: Explanation;
  readonly upstreamCalls?: number;
  readonly rows?: number;
  readonly bytes?: number;
  readonly durationMs: number;
  readonly error?: unknown;
}

export function auditQuery(
  trail: AuditTrail,
  log: Logger,
  principal: Principal,
  outcome: QueryOutcome,
): void {
  const plan = outcome.plan;
  trail.record(
    {
      workspaceId: principal.workspaceId,
      keyId: principal.keyId,
      door: outcome.door,
      entitySet: outcome.entitySet,
      // A client may have put its key in the URL; the audit log is read by every admin.
      query: redactCredentials(outcome.query),
      pushed: plan ? describeParts(plan.pushed) : null,
      residual: plan ? describeParts(plan.residual) : null,
      upstreamCalls: outcome.upstreamCalls ?? 0,
      rows: outcome.rows ?? 0,
      bytes: outcome.bytes ?? 0,
      durationMs: Math.round(outcome.durationMs),
      outcome: outcome.error === undefined ? "ok" : "error",
      errorCode: outcome.error === undefined ? null : errorCode(outcome.error),
      // When it happened, not when the batch is written.
      at: new Date(),
    },
    log,
  );
}

function describeParts(parts: Explanation["pushed"] | Explanation["residual"]): string | null {
  const text = Object.entries(parts)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) =>
      value === true ? name : `${name}: ${Array.isArray(value) ? value.join(",") : value}`,
    )
    .join("; ");
  return text === "" ? null : text;
}

function errorCode(error: unknown): string {
  return error instanceof ODataError ? error.code : "InternalError";
}
