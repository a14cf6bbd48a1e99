/**
 * The short window an upstream meters besides its long one (Procore: 25 requests per 10 s), and
 * the shared token bucket that paces requests inside it: a burst b and a refill of (limit − b)
 * per window let at most b + (limit − b) = limit requests start within any window-long span.
 *
 * The upstream counts requests when they arrive, and they do not all travel equally long (a new
 * connection's handshake, a busy event loop, the first fetch of a process loading its client),
 * so the refill is spread over a tenth more than the window: requests arriving up to that much
 * closer together than they left still stay within the limit.
 */
import type { TokenBucketSpec } from "@headgate/cache";
import type { RateLimitWindow } from "./rate-limit-headers.ts";

export interface SpikeWindow {
  /** Requests allowed within any `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * How far past a window's true end its announced reset may lie: Procore's reset is whole Unix
 * seconds, and the answer spent some time on the wire.
 */
export const RESET_SLACK_MS = 2_000;

/** Throws RangeError for a window no upstream can mean. */
export function checkSpikeWindow(spike: SpikeWindow): void {
  if (!Number.isSafeInteger(spike.limit) || spike.limit < 1)
    throw new RangeError(`a spike window's limit must be a positive whole number, not ${spike.limit}`);
  if (!Number.isFinite(spike.windowMs) || spike.windowMs < 1)
    throw new RangeError(`a spike window must last at least 1 ms, not ${spike.windowMs}`);
}

/** The share of the window added to the refill's span, for requests that travel unequally long. */
export const ARRIVAL_SLACK = 0.1;

/** A fifth of the window's requests may go at once; the rest follow at an even pace. */
export function spikeBucket(spike: SpikeWindow): TokenBucketSpec {
  const burst = Math.max(1, Math.floor(spike.limit / 5));
  const refill = Math.max(1, spike.limit - burst);
  return { burst, ratePerSecond: refill / ((spike.windowMs * (1 + ARRIVAL_SLACK)) / 1000) };
}

/**
 * Whether headers that describe one window (Procore's say whichever is closer to being
 * exceeded) describe the spike window: its reset is about a spike window away. The long
 * window's last seconds look the same, so a reset matching the long window's known one is the
 * long window's.
 */
export function describesSpike(
  window: RateLimitWindow,
  spike: SpikeWindow | undefined,
  now: number,
  longResetAt: number | undefined,
): boolean {
  if (spike === undefined) return false;
  if (window.resetAt - now > spike.windowMs + RESET_SLACK_MS) return false;
  return longResetAt === undefined || Math.abs(longResetAt - window.resetAt) > RESET_SLACK_MS;
}

export function describeSpike(spike: SpikeWindow): string {
  return `${spike.limit} requests per ${formatSeconds(spike.windowMs)}`;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
