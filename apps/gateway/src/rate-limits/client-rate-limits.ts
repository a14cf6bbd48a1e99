/**
 * Client rate limits (issue 16): a token bucket per API key and one per workspace, held in the
 * gateway's shared cache, so every replica on one Redis spends the same buckets. A request that
 * passed authentication at a data door takes one token from its key's bucket, then one from its
 * workspace's; the key's bucket goes first, so a key refused by its own limit does not also drain
 * what its workspace's other keys share.
 */
import type { Cache } from "@headgate/cache";
import type { ClientRateLimit, LimitsConfig, RequestRateLimit } from "@headgate/config";
import type { Principal } from "../auth/principal.ts";

/** The part of headgate.yaml's `limits` this module reads. */
export type ClientRateLimits = Pick<LimitsConfig, "perKey" | "perWorkspace">;

export type TokenTake = Awaited<ReturnType<Cache["takeToken"]>>;

/** Which bucket a take came from, its limit, and what the cache answered. */
export interface BucketTake {
  readonly scope: "key" | "workspace";
  readonly limit: RequestRateLimit;
  readonly take: TokenTake;
}

/**
 * The takes of one request, in order; the last one was refused when the request is. Empty when
 * both limits are off (or the principal has no key and the workspace limit is off).
 */
export async function takeRequestTokens(
  cache: Cache,
  principal: Principal,
  limits: ClientRateLimits,
): Promise<BucketTake[]> {
  const takes: BucketTake[] = [];
  const buckets = [
    { scope: "key", id: principal.keyId, limit: limits.perKey },
    { scope: "workspace", id: principal.workspaceId, limit: limits.perWorkspace },
  ] as const;
  for (const { scope, id, limit } of buckets) {
    if (id === null || limit === "off") continue;
    const take = await cache.takeToken(bucketName(scope, id), bucketSpec(limit));
    takes.push({ scope, limit, take });
    if (!take.allowed) break;
  }
  return takes;
}

/** `rate-limit:key:<key id>`, `rate-limit:workspace:<workspace id>`: ids, never a secret. */
export function bucketName(scope: BucketTake["scope"], id: string): string {
  return `rate-limit:${scope}:${id}`;
}

export function bucketSpec(limit: Exclude<ClientRateLimit, "off">): { ratePerSecond: number; burst: number } {
  return { ratePerSecond: limit.requestsPerMinute / 60, burst: limit.burst };
}
