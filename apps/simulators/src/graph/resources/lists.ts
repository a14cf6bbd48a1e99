/**
 * List resources: a site's lists (filterable by `displayName`, as clients look a list up by
 * title), one list, and its column definitions, whose `indexed` flag tells a client which
 * columns it may filter on without the `Prefer` header.
 */
import { unknownProperty } from "../graph-error.ts";
import type { ListEntry } from "../graph-store.ts";
import type { SharepointColumn, SharepointSite } from "../model.ts";
import { matches, type PropertyReader } from "../odata/evaluate.ts";
import { paginate } from "../odata/paging.ts";
import { collection } from "./collection.ts";
import { identitySet } from "./identity.ts";
import { contextKey, type RequestContext } from "./request-context.ts";
import { applySelect } from "./select.ts";

const LIST_PROPERTIES = [
  "id",
  "createdDateTime",
  "description",
  "eTag",
  "lastModifiedDateTime",
  "name",
  "webUrl",
  "displayName",
  "createdBy",
  "parentReference",
  "list",
  "columns",
];

export function getLists(context: RequestContext, site: SharepointSite) {
  const entries = context.store.listsOf(site);
  const filter = context.options.filter;
  const found = filter ? entries.filter((entry) => matches(filter, listReader(entry))) : entries;
  const page = paginate(context.request, found, (entry) => entry.list.id, context.options, context.limits);
  return collection(
    `${context.metadata}#sites('${contextKey(site.id)}')/lists`,
    page.items.map((entry) => renderList(context, entry)),
    page.nextLink,
  );
}

export function getList(context: RequestContext, entry: ListEntry) {
  return {
    "@odata.context": `${context.metadata}#sites('${contextKey(entry.site.id)}')/lists/$entity`,
    ...renderList(context, entry),
  };
}

export function getColumns(context: RequestContext, entry: ListEntry) {
  const columns = [...entry.columns.values()];
  return collection(
    `${context.metadata}#sites('${contextKey(entry.site.id)}')/lists('${entry.list.id}')/columns`,
    columns.map(renderColumn),
    undefined,
  );
}

function renderList(context: RequestContext, entry: ListEntry): Record<string, unknown> {
  const { list, site } = entry;
  const etag = `"${list.id},${list.items.length + 1}"`;
  const expandsColumns = context.options.expand.some((node) => node.name.toLowerCase() === "columns");
  const body = {
    "@odata.etag": etag,
    createdDateTime: list.createdDateTime,
    description: list.description,
    eTag: etag,
    id: list.id,
    lastModifiedDateTime: list.lastModifiedDateTime,
    name: list.name,
    webUrl: list.webUrl,
    displayName: list.displayName,
    createdBy: identitySet(list.createdBy),
    parentReference: { siteId: site.id },
    list: {
      contentTypesEnabled: list.template === "documentLibrary",
      hidden: false,
      template: list.template,
    },
    ...(expandsColumns ? { columns: [...entry.columns.values()].map(renderColumn) } : {}),
  };
  for (const node of context.options.expand)
    if (node.name.toLowerCase() !== "columns") throw unknownProperty(node.name, "list");
  return applySelect(
    body,
    context.options.select,
    "list",
    LIST_PROPERTIES,
    expandsColumns ? ["columns"] : [],
  );
}

function listReader(entry: ListEntry): PropertyReader {
  const { list } = entry;
  const text: Readonly<Record<string, string>> = {
    id: list.id,
    name: list.name,
    displayName: list.displayName,
    description: list.description,
    webUrl: list.webUrl,
    "list/template": list.template,
  };
  return (property) => {
    if (property === "createdDateTime") return { value: list.createdDateTime, type: "dateTime" };
    if (property === "lastModifiedDateTime") return { value: list.lastModifiedDateTime, type: "dateTime" };
    if (property in text) return { value: text[property], type: "text" };
    throw unknownProperty(property, "list");
  };
}

/** A `columnDefinition` with the type facet SharePoint reports for each kind of column. */
export function renderColumn(column: SharepointColumn): Record<string, unknown> {
  return {
    columnGroup: column.builtIn ? "_Hidden" : "Custom Columns",
    description: "",
    displayName: column.displayName,
    enforceUniqueValues: false,
    hidden: false,
    id: column.id,
    indexed: column.indexed,
    name: column.name,
    readOnly: column.readOnly,
    required: column.required,
    ...typeFacet(column),
  };
}

function typeFacet(column: SharepointColumn): Record<string, unknown> {
  switch (column.type) {
    case "text":
      return {
        text: {
          allowMultipleLines: false,
          appendChangesToExistingText: false,
          linesForEditing: 0,
          maxLength: 255,
        },
      };
    case "note":
      return {
        text: {
          allowMultipleLines: true,
          appendChangesToExistingText: false,
          linesForEditing: 6,
          maxLength: 63999,
          textType: "plain",
        },
      };
    case "number":
      return {
        number: {
          decimalPlaces: "automatic",
          displayAs: "number",
          maximum: 1.7976931348623157e308,
          minimum: -1.7976931348623157e308,
        },
      };
    case "currency":
      return { currency: { locale: "en-US" } };
    case "dateTime":
      return { dateTime: { displayAs: "default", format: column.dateFormat ?? "dateTime" } };
    case "choice":
      return { choice: { allowTextEntry: false, choices: column.choices ?? [], displayAs: "dropDownMenu" } };
    case "boolean":
      return { boolean: {} };
  }
}
