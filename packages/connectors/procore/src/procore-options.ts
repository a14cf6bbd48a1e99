/** The settings of a Procore connection, with their defaults. */
import type { Cache } from "@headgate/cache";
import type { TokenStore } from "@headgate/connector-kit";

export interface ProcoreConnectorOptions {
  /** API host, e.g. `https://api.procore.com` or a simulator's URL. */
  readonly baseUrl: string;
  readonly companyId: number;
  readonly oauth: {
    readonly clientId: string;
    readonly clientSecret: string;
    /** Default: `{baseUrl}/oauth/token` (Procore's login host serves it at `https://login.procore.com/oauth/token`). */
    readonly tokenUrl?: string;
    readonly grant: "client_credentials" | "authorization_code";
    /** Renew tokens this long before they expire (default 2 minutes). */
    readonly refreshMarginMs?: number;
  };
  /** Where tokens persist (required for `authorization_code`). */
  readonly tokens?: TokenStore;
  /**
   * Project-scoped sets (RFIs, Submittals, ...) without a `project_id` filter: `fan-out` (default)
   * reads every project of the company, `require-filter` refuses the query naming `project_id`.
   */
  readonly projectScope?: "fan-out" | "require-filter";
  /** Requests in flight at once, and projects read at once in a fan-out (default 4). */
  readonly concurrency?: number;
  /** Steady request rate (default 10/s; Procore's spike limit is about 25 per 10 s per token). */
  readonly requestsPerSecond?: number;
  /** Longest single request, in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest `per_page` asked for (default 1000). */
  readonly maxPerPage?: number;
  /** Budget view whose detail rows BudgetRows reads (default: the first one Procore lists). */
  readonly budgetViewId?: number;
  /** How long the company's project list is reused for fan-outs, in ms (default 60 s). */
  readonly projectListTtlMs?: number;
  /**
   * The gateway's shared cache: with it, every connection and replica using the same app on the
   * same company spends one request budget, paced inside Procore's spike window and refused
   * with a 429 before sending when it is spent. Without it, only `requestsPerSecond` paces.
   */
  readonly cache?: Cache;
  /** Procore's spike window, when it is not the documented 25 requests per 10 s; headers that describe it win. */
  readonly rateLimit?: {
    readonly spikeLimit?: number;
    readonly spikeWindowMs?: number;
  };
  readonly fetch?: typeof fetch;
}
