/**
 * What an upstream's answer says about its rate limits, in one shape whichever family of
 * headers it uses:
 * - Procore: `X-Rate-Limit-Limit/-Remaining/-Reset`, Reset in Unix seconds, describing whichever
 *   window (hourly or 10-second spike) is closer to being exceeded;
 * - the IETF draft (Microsoft Graph, SharePoint): `RateLimit-Limit/-Remaining/-Reset`, Reset in
 *   seconds from now, or the combined `RateLimit: limit=…, remaining=…, reset=…`;
 * - the common `X-RateLimit-*` spelling (reset either way);
 * - `Retry-After` in seconds or as an HTTP date.
 * A reset larger than any sane delay is read as an epoch, so a family that mixes the two
 * conventions is still understood.
 */

export interface RateLimitWindow {
  /** Requests the window allows, when the upstream says. */
  readonly limit?: number;
  readonly remaining: number;
  /** When the window resets, epoch ms. */
  readonly resetAt: number;
}

export interface RateLimitObservation {
  readonly window?: RateLimitWindow;
  /** How long the upstream asked callers to wait, in ms (`Retry-After`). */
  readonly retryAfterMs?: number;
}

/** A reset above this many seconds is an epoch (Unix seconds), not a delay: about 31 years. */
const EPOCH_THRESHOLD_SECONDS = 1_000_000_000;

const FAMILIES = ["x-rate-limit-", "ratelimit-", "x-ratelimit-"] as const;

export function readRateLimitHeaders(headers: Headers, now: number): RateLimitObservation {
  const window = separateHeaders(headers, now) ?? combinedHeader(headers, now);
  const retryAfterMs = readRetryAfter(headers.get("retry-after"), now);
  return {
    ...(window === undefined ? {} : { window }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** `Retry-After` as ms from `now`: delay seconds or an HTTP date; undefined when absent or unreadable. */
export function readRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function separateHeaders(headers: Headers, now: number): RateLimitWindow | undefined {
  for (const prefix of FAMILIES) {
    const remaining = count(headers.get(`${prefix}remaining`));
    const reset = count(headers.get(`${prefix}reset`));
    if (remaining === undefined || reset === undefined) continue;
    return windowOf(count(headers.get(`${prefix}limit`)), remaining, reset, now);
  }
  return undefined;
}

/**
 * The IETF draft's single header: `RateLimit: limit=100, remaining=50, reset=5`, or its later
 * form `RateLimit: "default";r=50;t=5` (r remaining, t seconds to reset).
 */
function combinedHeader(headers: Headers, now: number): RateLimitWindow | undefined {
  const value = headers.get("ratelimit");
  if (value === null) return undefined;
  const fields = new Map<string, number | undefined>();
  for (const part of value.split(/[,;]/)) {
    const [name, text] = part.split("=").map((s) => s.trim().toLowerCase());
    if (name && text !== undefined) fields.set(name, count(text));
  }
  const remaining = fields.get("remaining") ?? fields.get("r");
  const reset = fields.get("reset") ?? fields.get("t");
  if (remaining === undefined || reset === undefined) return undefined;
  return windowOf(fields.get("limit"), remaining, reset, now);
}

function windowOf(limit: number | undefined, remaining: number, reset: number, now: number): RateLimitWindow {
  const resetAt = reset >= EPOCH_THRESHOLD_SECONDS ? reset * 1000 : now + reset * 1000;
  return { ...(limit === undefined ? {} : { limit }), remaining, resetAt };
}

/** A non-negative number, or undefined for anything else (an upstream's header is untrusted text). */
function count(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
