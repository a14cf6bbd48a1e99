export type { AuthStrategy } from "./auth-strategy.ts";
export { NO_AUTH } from "./auth-strategy.ts";
export * from "./budget/index.ts";
export type {
  HttpClientOptions,
  JsonResponse,
  JsonWrite,
  QueryParams,
  RequestContext,
} from "./http-client.ts";
export { HttpClient } from "./http-client.ts";
export { parseLinkHeader } from "./link-header.ts";
export type { LinkedPage } from "./link-paging.ts";
export { followLinkPages } from "./link-paging.ts";
export type { OAuthOptions } from "./oauth-bearer.ts";
export { OAuthBearer } from "./oauth-bearer.ts";
export type { RetryOptions } from "./retry-policy.ts";
export { backoffMs, requestedWaitMs, retryDelayMs } from "./retry-policy.ts";
export { ConcurrencyLimit, TokenBucket } from "./token-bucket.ts";
export type { RotateOutcome, StoredTokens, TokenStore } from "./token-store.ts";
export { memoryTokenStore } from "./token-store.ts";
export type { UpstreamErrorKind } from "./upstream-error.ts";
export { redactSecrets, UpstreamError, upstreamMessage } from "./upstream-error.ts";
