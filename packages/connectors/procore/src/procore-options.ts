/** The settings of a Procore connection, with their defaults. */
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
  readonly fetch?: typeof fetch;
}
