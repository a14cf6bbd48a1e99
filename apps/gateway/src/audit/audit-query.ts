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

/** Where entries go: the gateway's batching trail, or a trail of its own (stdio, the CLI). */
export type AuditRecorder = Pick<AuditTrail, "record">;

export interface QueryOutcome {
  /** The door as the client reached it. */
  readonly door: AuditDoor;
  readonly entitySet: string | null;
  /** The query as asked, in canonical OData text. */
  readonly query: string;
  readonly plan?: Explanation;
  readonly upstreamCalls?: number;
  readonly rows?: number;
  readonly bytes?: number;
  readonly durationMs: number;
  /** What failed: an `ODataError` gives its code, anything else is an `InternalError`. */
  readonly error?: unknown;
  /** A failure already reduced to its code (a connection test reports problems, not errors). */
  readonly errorCode?: string;
}

export function auditQuery(
  trail: AuditRecorder,
  log: Logger,
  principal: Principal,
  outcome: QueryOutcome,
): void {
  const plan = outcome.plan;
  const failure = outcome.errorCode ?? (outcome.error === undefined ? undefined : errorCode(outcome.error));
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
      outcome: failure === undefined ? "ok" : "error",
      errorCode: failure ?? null,
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
