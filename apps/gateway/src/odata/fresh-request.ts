/**
 * Whether an HTTP client asked for fresh data: `Cache-Control: no-cache` or `max-age=0`, the
 * two ways browsers, `curl -H` and HTTP libraries say "do not answer from a cache" (RFC 9111
 * §5.2.1). Headgate's cache holds upstream scans, not responses, so the request is read as
 * the engine's `fresh`: read the upstreams now. Any other directive leaves the cache in use.
 * Both /odata and /api read it here, so the doors cannot disagree.
 */

export function asksForFreshData(cacheControl: string | readonly string[] | undefined): boolean {
  if (cacheControl === undefined) return false;
  const headers = typeof cacheControl === "string" ? [cacheControl] : cacheControl;
  return headers.some((header) => header.split(",").some(isRevalidation));
}

function isRevalidation(directive: string): boolean {
  const [rawName = "", rawValue] = directive.split("=", 2);
  const name = rawName.trim().toLowerCase();
  if (name === "no-cache") return true;
  if (name !== "max-age" || rawValue === undefined) return false;
  return /^"?0+"?$/.test(rawValue.trim());
}

/** The engine request's `fresh` member, present only when asked (the engine's own convention). */
export function freshnessOf(cacheControl: string | readonly string[] | undefined): { fresh?: true } {
  return asksForFreshData(cacheControl) ? { fresh: true } : {};
}
