/**
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (the IETF httpapi draft's
 * header fields) on every limited answer, for the bucket nearest to refusing, so a client can
 * slow down before it is refused; `Retry-After` on a refusal.
 */
import type { FastifyReply } from "fastify";
import { type BucketTake, bucketSpec } from "./client-rate-limits.ts";

export function setRateLimitHeaders(reply: FastifyReply, takes: readonly BucketTake[]): void {
  const nearest =
    takes.find((t) => !t.take.allowed) ??
    takes.reduce<BucketTake | undefined>(
      (low, t) => (low === undefined || remainingOf(t) < remainingOf(low) ? t : low),
      undefined,
    );
  if (nearest === undefined) return;
  reply.header("RateLimit-Limit", String(nearest.limit.burst));
  reply.header("RateLimit-Remaining", String(remainingOf(nearest)));
  reply.header("RateLimit-Reset", String(resetSeconds(nearest)));
  if (!nearest.take.allowed) reply.header("Retry-After", String(resetSeconds(nearest)));
}

function remainingOf(t: BucketTake): number {
  return t.take.allowed ? t.take.remaining : 0;
}

/** Refused: until the next token; else until the bucket is full again. Whole seconds, at least 1. */
function resetSeconds(t: BucketTake): number {
  const { ratePerSecond, burst } = bucketSpec(t.limit);
  const ms = t.take.allowed ? ((burst - t.take.remaining) * 1000) / ratePerSecond : t.take.retryAfterMs;
  return Math.max(1, Math.ceil(ms / 1000));
}
