/**
 * Which properties a list item query may use, and how their values are read. SharePoint only
 * filters and sorts on indexed columns unless the caller sends
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`; with it, a list past the view
 * threshold still refuses the query as too expensive.
 */
import { GraphError, invalidRequest } from "../graph-error.ts";
import type { ListEntry } from "../graph-store.ts";
import type { SharepointColumnType, SharepointListItem } from "../model.ts";
import type { PropertyReader, ValueType } from "../odata/evaluate.ts";
import { fullFields } from "./list-item-fields.ts";
import { HONOR_NON_INDEXED, type RequestContext } from "./request-context.ts";

interface Queryable {
  /** The field read from `fields`. */
  readonly field: string;
  readonly type: ValueType;
  readonly indexed: boolean;
}

/** listItem properties that stand for a column. */
const ITEM_PROPERTIES: Readonly<Record<string, string>> = {
  id: "id",
  createdDateTime: "Created",
  lastModifiedDateTime: "Modified",
};

const VALUE_TYPES: Readonly<Record<SharepointColumnType, ValueType>> = {
  text: "text",
  note: "text",
  choice: "text",
  number: "number",
  currency: "number",
  dateTime: "dateTime",
  boolean: "boolean",
};

function queryable(entry: ListEntry, property: string): Queryable {
  const field = property.startsWith("fields/") ? property.slice("fields/".length) : ITEM_PROPERTIES[property];
  if (field === undefined)
    throw invalidRequest(`Invalid filter clause: '${property}' is not a filterable property.`);
  // The item id is always indexed.
  if (field === "id" || field === "ID") return { field: "id", type: "number", indexed: true };
  const column = entry.columns.get(field);
  if (!column)
    throw invalidRequest(`Column '${field}' does not exist. It may have been deleted by another user.`);
  return { field, type: VALUE_TYPES[column.type], indexed: column.indexed };
}

function notIndexed(field: string): GraphError {
  return invalidRequest(
    `Field '${field}' cannot be referenced in filter or orderby as it is not indexed. Provide the '${HONOR_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`,
  );
}

function tooManyResources(): GraphError {
  return new GraphError(
    400,
    "notSupported",
    "The request is unprocessable because it uses too many resources",
    "tooManyResources",
  );
}

/** Refuses a query that references non-indexed columns the way SharePoint does. */
export function checkQueryable(
  context: RequestContext,
  entry: ListEntry,
  properties: readonly string[],
): void {
  for (const property of properties) {
    const { field, indexed } = queryable(entry, property);
    if (indexed) continue;
    if (!context.honorNonIndexed) throw notIndexed(field);
    if (entry.list.items.length > context.listViewThreshold) throw tooManyResources();
  }
}

export function itemReader(entry: ListEntry, item: SharepointListItem): PropertyReader {
  const fields = fullFields(entry, item);
  return (property) => {
    const { field, type } = queryable(entry, property);
    const value = fields[field];
    return { value: field === "id" ? Number(value) : value, type };
  };
}
