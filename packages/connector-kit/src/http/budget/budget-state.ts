/**
 * What every replica shares about one upstream credential's budget, as cache entries:
 * - `window`: the long window (Procore's hourly) as last observed: limit, remaining, reset, and
 *   the number of the request that observed it;
 * - `sent`: a counter numbering every request sent with the credential, so the remaining budget
 *   between observations is the observed remaining less the requests sent since;
 * - `blocked`: until when the upstream asked everyone to wait (a 429 or a 503 with Retry-After,
 *   or a spike window seen spent);
 * - `spike`: the spike window's limit as the upstream announced it, overriding the configured one;
 * - `pace:<limit>/<ms>`: the token bucket that paces requests inside the spike window.
 * Values read back are checked: the cache is shared, and an entry of another version or a
 * damaged one is treated as absent.
 */
import type { JsonValue } from "@headgate/cache";
import type { SpikeWindow } from "./spike-window.ts";

export interface WindowRecord {
  readonly limit?: number;
  readonly remaining: number;
  /** Epoch ms. */
  readonly resetAt: number;
  /** The `sent` number of the request whose answer carried this; later requests are not in it. */
  readonly seq: number;
}

export interface BlockRecord {
  /** Epoch ms. */
  readonly until: number;
  /** The upstream's status that asked for the wait (429, 503), or 429 for a spent spike window. */
  readonly status: number;
}

export interface BudgetKeys {
  readonly window: string;
  readonly sent: string;
  readonly blocked: string;
  readonly spike: string;
  pace(spike: SpikeWindow): string;
}

/** The credential is a non-secret id (a hash), so it can be part of a key. */
export function budgetKeys(credential: string): BudgetKeys {
  const base = `upstream-budget:${credential}:`;
  return {
    window: `${base}window`,
    sent: `${base}sent`,
    blocked: `${base}blocked`,
    spike: `${base}spike`,
    // The bucket's shape is in its key: a learned limit starts a bucket of its own shape.
    pace: (spike) => `${base}pace:${spike.limit}/${spike.windowMs}`,
  };
}

/** The `sent` counter's window; when it lapses it starts again from 1 (see `sentSince`). */
export const SENT_COUNTER_TTL_MS = 24 * 3_600_000;

/** How long a learned spike limit is trusted without being seen again. */
export const LEARNED_SPIKE_TTL_MS = 3_600_000;

/** The requests sent after `seq`, given the counter's current value. */
export function sentSince(record: WindowRecord, sent: number): number {
  // A counter below the record's number has lapsed and restarted: what it holds was sent since.
  return sent >= record.seq ? sent - record.seq : sent;
}

/** The budget left now: what the upstream last said, less what was sent since. */
export function estimatedRemaining(record: WindowRecord, sent: number): number {
  return record.remaining - sentSince(record, sent);
}

/**
 * Whether an observation should replace the stored one: a later window replaces an earlier one,
 * and within the same window the lower estimate wins. Both estimates are less the same count
 * of requests sent since, so comparing `remaining + seq` compares them without reading it.
 */
export function replacesWindow(
  stored: WindowRecord | undefined,
  seen: WindowRecord,
  slackMs: number,
): boolean {
  if (stored === undefined) return true;
  if (Math.abs(seen.resetAt - stored.resetAt) > slackMs) return seen.resetAt > stored.resetAt;
  return seen.remaining + seen.seq <= stored.remaining + stored.seq;
}

export function windowRecordOf(value: JsonValue | undefined): WindowRecord | undefined {
  const record = objectOf(value);
  if (record === undefined) return undefined;
  const { limit, remaining, resetAt, seq } = record;
  if (!isCount(remaining) || !isCount(resetAt) || !isCount(seq)) return undefined;
  if (limit !== undefined && !isCount(limit)) return undefined;
  return { ...(limit === undefined ? {} : { limit }), remaining, resetAt, seq };
}

export function blockRecordOf(value: JsonValue | undefined): BlockRecord | undefined {
  const record = objectOf(value);
  if (record === undefined) return undefined;
  const { until, status } = record;
  return isCount(until) && isCount(status) ? { until, status } : undefined;
}

export function spikeRecordOf(value: JsonValue | undefined): SpikeWindow | undefined {
  const record = objectOf(value);
  if (record === undefined) return undefined;
  const { limit, windowMs } = record;
  return isCount(limit) && limit >= 1 && isCount(windowMs) && windowMs >= 1 ? { limit, windowMs } : undefined;
}

export function counterOf(value: JsonValue | undefined): number {
  return isCount(value) ? value : 0;
}

function objectOf(value: JsonValue | undefined): Readonly<Record<string, JsonValue | undefined>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, JsonValue | undefined>>)
    : undefined;
}

function isCount(value: JsonValue | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
