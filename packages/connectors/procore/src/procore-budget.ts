/**
 * The request budget of a Procore connection's credential, shared through the gateway's cache by
 * every connection and replica that uses the same app on the same company: Procore meters an
 * hour and a 10-second spike window per token, and its examples show 25 requests per 10 s.
 */
import { createHash } from "node:crypto";
import { UpstreamBudget } from "@headgate/connector-kit";
import type { ProcoreConnectorOptions } from "./procore-options.ts";

export const DEFAULT_SPIKE_LIMIT = 25;
export const DEFAULT_SPIKE_WINDOW_MS = 10_000;

/** What costs a Procore connection fewer requests: project-scoped lists are read per project. */
export const PROCORE_NARROWING =
  "a filter on project_id (e.g. project_id eq 123) reads fewer projects and costs fewer requests";

/** Undefined without a cache: then only the connection's own pacing applies. */
export function procoreBudget(options: ProcoreConnectorOptions): UpstreamBudget | undefined {
  if (options.cache === undefined) return undefined;
  return new UpstreamBudget({
    cache: options.cache,
    credential: procoreCredentialId(options),
    service: "Procore",
    narrowing: PROCORE_NARROWING,
    spike: {
      limit: options.rateLimit?.spikeLimit ?? DEFAULT_SPIKE_LIMIT,
      windowMs: options.rateLimit?.spikeWindowMs ?? DEFAULT_SPIKE_WINDOW_MS,
    },
  });
}

/** A short hash naming the credential in cache keys; the client id itself never appears there. */
export function procoreCredentialId(options: ProcoreConnectorOptions): string {
  const { baseUrl, companyId, oauth } = options;
  const text = JSON.stringify(["procore", baseUrl.replace(/\/+$/, ""), oauth.clientId, companyId]);
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
