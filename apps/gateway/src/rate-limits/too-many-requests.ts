/**
 * The answer to a request over its limit: 429 with the OData error body, saying which limit
 * (the key's own, or its workspace's shared by all its keys), its rate, and when to retry.
 */
import { ODataError } from "@headgate/odata";
import type { BucketTake } from "./client-rate-limits.ts";

export function tooManyRequests(refused: BucketTake): ODataError {
  const { scope, limit, take } = refused;
  const seconds = Math.max(1, Math.ceil(take.retryAfterMs / 1000));
  const whose =
    scope === "key"
      ? "This API key has sent too many requests"
      : "The API keys of this workspace have together sent too many requests";
  return new ODataError({
    code: "TooManyRequests",
    status: 429,
    message: `${whose}: the ${scope === "key" ? "per-key" : "per-workspace"} limit is ${limit.requestsPerMinute} requests a minute, in bursts of up to ${limit.burst}. Retry after ${seconds} second${seconds === 1 ? "" : "s"}.`,
    retryAfterSeconds: seconds,
  });
}
