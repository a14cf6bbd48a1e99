/**
 * What the connector knows about one Procore entity set: its model definition, which endpoint(s)
 * list it, how each pushable property becomes a request parameter, how the endpoint sorts, and
 * how a Procore record becomes a flat row.
 */
import type { EntitySetDef, Row } from "@headgate/model";

/** How a pushable property reaches Procore. */
export type FilterParam =
  /** Integer ids: `param[]=1&param[]=2`. */
  | { readonly kind: "ids"; readonly param: string }
  /** Text values, matched case-insensitively by Procore: `param[]=open`. */
  | { readonly kind: "values"; readonly param: string }
  /** Timestamp range: `param=from...to` (inclusive). */
  | { readonly kind: "range"; readonly param: string }
  /** A date window given as `start_date`/`end_date` (daily logs). */
  | { readonly kind: "dateWindow" }
  /** The project the records belong to: which projects to read. */
  | { readonly kind: "project" };

export interface SortSpec {
  /** `sort=a,-b` (list) or `sort[attribute]=a&sort[direction]=desc` (attribute: one key). */
  readonly style: "list" | "attribute";
  readonly fields: readonly string[];
}

/** The endpoint's search parameter: one string matched, ignoring case, within `fields`. */
export interface SearchSpec {
  readonly param: string;
  /** Model properties the upstream searches (it may search more fields than these). */
  readonly fields: readonly string[];
}

export interface Endpoint {
  /** Path and fixed parameters for a project (undefined for company-level sets). */
  readonly request: (scope: RequestScope) => { path: string; query: [string, string][] };
  /** Turns a record of this endpoint into a row. */
  readonly toRow: (record: Record<string, unknown>, projectId: number | undefined) => Row;
}

export interface RequestScope {
  readonly companyId: number;
  readonly projectId: number | undefined;
  /** The budget view whose detail rows are read (BudgetRows only). */
  readonly budgetViewId?: number;
}

export interface ProcoreEntitySet {
  readonly definition: EntitySetDef;
  readonly scope: "company" | "project";
  readonly endpoints: readonly Endpoint[];
  readonly filters: Readonly<Record<string, FilterParam>>;
  readonly sort?: SortSpec;
  /** Absent: `$search` is checked on the rows only. */
  readonly search?: SearchSpec;
  /** Needs a budget view id (found once per connection). */
  readonly needsBudgetView?: boolean;
}
