/**
 * The errors of a budget that cannot pay for a request, each saying which upstream, until when,
 * and how to ask for less. None names the credential: an admin finds it by the connection.
 */
import { UpstreamError } from "../upstream-error.ts";
import { describeSpike, type SpikeWindow } from "./spike-window.ts";

/** Said when the caller has not said how to narrow a question for its upstream. */
export const DEFAULT_NARROWING = "a filter the upstream evaluates reads fewer pages and costs fewer requests";

export type BudgetRefusal =
  /** The long window's requests are spent until it resets. */
  | { readonly kind: "spent"; readonly until: number; readonly limit?: number }
  /** The upstream answered 429 (or announced a spent spike window) and asked for a wait. */
  | { readonly kind: "throttled"; readonly until: number }
  /** The upstream answered 503 with Retry-After. */
  | { readonly kind: "overloaded"; readonly until: number }
  /** Pacing inside the spike window would wait past the deadline. */
  | { readonly kind: "paced"; readonly until: number; readonly spike: SpikeWindow };

export interface RefusalContext {
  readonly service: string;
  readonly now: number;
  readonly narrowing?: string;
  readonly target?: string;
}

export function refusalError(refusal: BudgetRefusal, context: RefusalContext): UpstreamError {
  const narrow = `narrow the question: ${context.narrowing ?? DEFAULT_NARROWING}.`;
  const message =
    refusal.kind === "paced"
      ? `${context.service} allows ${describeSpike(refusal.spike)} on this connection, and this question needs more of them than its time limit leaves at that pace. Headgate stopped before sending more; ${narrow}`
      : `${waitCause(refusal, context)} Headgate did not send the request. Ask again after that, or ${narrow}`;
  return new UpstreamError(refusal.kind === "overloaded" ? "unavailable" : "budget", message, {
    retryAfterSeconds: Math.max(1, (refusal.until - context.now) / 1000),
    ...(refusal.kind === "overloaded" ? { upstreamStatus: 503 } : {}),
    ...(context.target === undefined ? {} : { target: context.target }),
  });
}

function waitCause(
  refusal: Exclude<BudgetRefusal, { kind: "paced" }>,
  { service, now }: RefusalContext,
): string {
  const when = `${clockTime(refusal.until)} (in ${duration(refusal.until - now)})`;
  switch (refusal.kind) {
    case "spent": {
      const size = refusal.limit === undefined ? "" : ` (${refusal.limit} requests per window)`;
      return `${service}'s request budget for this connection is spent${size}; it resets at ${when}.`;
    }
    case "throttled":
      return `${service} is rate limiting this connection (HTTP 429) until ${when}.`;
    case "overloaded":
      return `${service} is overloaded (HTTP 503) and asked callers to wait until ${when}.`;
  }
}

/** `2025-06-01T14:05:09Z`: a moment any client can read, without milliseconds nobody needs. */
function clockTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `40 s`, `23 min`, `1 h 5 min`: for people; `retryAfterSeconds` carries the exact wait. */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
