/**
 * When to try an upstream request again, and how long to wait first: 429 and 503 wait what
 * `Retry-After` (or an exhausted `X-Rate-Limit-Reset`) says; other 5xx and network failures back
 * off exponentially with full jitter. Waits never run past the query's deadline.
 */

export interface RetryOptions {
  /** Attempts per request, the first included (default 6). */
  readonly maxAttempts?: number;
  /** First backoff step in ms (default 200); doubles per attempt up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  /** Largest wait between attempts (default 30 s). */
  readonly maxDelayMs?: number;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

/** The wait the upstream asked for, in ms, from `Retry-After` (seconds or HTTP date) or the rate-limit headers. */
export function requestedWaitMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null && retryAfter.trim() !== "") {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const remaining = headers.get("x-rate-limit-remaining");
  const reset = Number(headers.get("x-rate-limit-reset"));
  if (remaining === "0" && Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** Exponential backoff with full jitter for attempt `attempt` (1 = first retry). */
export function backoffMs(
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** The wait before retry `attempt`: what the upstream asked for (plus a little jitter), else backoff. */
export function retryDelayMs(
  attempt: number,
  headers: Headers | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const requested = headers ? requestedWaitMs(headers) : undefined;
  if (requested !== undefined) return requested + random() * Math.min(250, (options.baseDelayMs ?? 200) / 2);
  return backoffMs(attempt, options, random);
}
