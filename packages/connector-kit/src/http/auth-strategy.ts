/**
 * How a request proves who it is. The HTTP client asks for headers before each attempt and
 * reports a 401 so the strategy can renew its credentials once. Procore uses OAuth bearer
 * tokens; ArcGIS (query tokens) and Graph plug in their own strategies later.
 */

export interface AuthStrategy {
  /** Headers that authenticate the next request. */
  headers(signal: AbortSignal): Promise<Record<string, string>>;
  /** The upstream refused the credentials sent with `headers`; renew before the next attempt. */
  rejected(sent: Record<string, string>): void;
}

export const NO_AUTH: AuthStrategy = {
  async headers() {
    return {};
  },
  rejected() {},
};
