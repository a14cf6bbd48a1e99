/**
 * List items: the paged, filterable, sortable collection and single items, with `fields`
 * expanded on request (`expand=fields`, `expand=fields(select=A,B)`).
 */
import { unknownProperty } from "../graph-error.ts";
import type { ListEntry } from "../graph-store.ts";
import type { SharepointListItem } from "../model.ts";
import { matches, sortBy } from "../odata/evaluate.ts";
import type { ExpandNode } from "../odata/expand.ts";
import { filterProperties } from "../odata/filter.ts";
import { paginate } from "../odata/paging.ts";
import { collection } from "./collection.ts";
import { identitySet } from "./identity.ts";
import { checkQueryable, itemReader } from "./item-query.ts";
import { fullFields, itemETag } from "./list-item-fields.ts";
import { contextKey, type RequestContext } from "./request-context.ts";
import { applySelect } from "./select.ts";

const ITEM_PROPERTIES = [
  "id",
  "createdDateTime",
  "eTag",
  "lastModifiedDateTime",
  "webUrl",
  "createdBy",
  "lastModifiedBy",
  "parentReference",
  "contentType",
  "fields",
];

export function getListItems(context: RequestContext, entry: ListEntry) {
  const { filter, orderBy } = context.options;
  const fieldsNode = fieldsExpansion(context.options.expand);
  checkQueryable(context, entry, [
    ...(filter ? filterProperties(filter) : []),
    ...orderBy.map((order) => order.property),
  ]);
  const found = filter
    ? entry.list.items.filter((item) => matches(filter, itemReader(entry, item)))
    : entry.list.items;
  const sorted = sortBy(found, orderBy, (item) => itemReader(entry, item));
  const page = paginate(context.request, sorted, (item) => item.id, context.options, context.limits);
  const base = `${context.metadata}#sites('${contextKey(entry.site.id)}')/lists('${entry.list.id}')/items`;
  return collection(
    fieldsNode ? `${base}(fields())` : base,
    page.items.map((item) => renderListItem(context, entry, item, fieldsNode, context.options.select)),
    page.nextLink,
  );
}

export function getListItem(context: RequestContext, entry: ListEntry, item: SharepointListItem) {
  const fieldsNode = fieldsExpansion(context.options.expand);
  return {
    "@odata.context": `${context.metadata}#sites('${contextKey(entry.site.id)}')/lists('${entry.list.id}')/items/$entity`,
    ...renderListItem(context, entry, item, fieldsNode, context.options.select),
  };
}

/** The `fields` expansion among a listItem's expansions; anything else is not a listItem property. */
export function fieldsExpansion(nodes: readonly ExpandNode[]): ExpandNode | undefined {
  for (const node of nodes)
    if (node.name.toLowerCase() !== "fields") throw unknownProperty(node.name, "listItem");
  return nodes[0];
}

export function renderListItem(
  context: RequestContext,
  entry: ListEntry,
  item: SharepointListItem,
  fieldsNode: ExpandNode | undefined,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  const etag = itemETag(item);
  const body = {
    "@odata.etag": etag,
    createdDateTime: item.createdDateTime,
    eTag: etag,
    id: item.id,
    lastModifiedDateTime: item.lastModifiedDateTime,
    webUrl: itemWebUrl(entry, item),
    createdBy: identitySet(item.createdBy),
    lastModifiedBy: identitySet(item.lastModifiedBy),
    parentReference: { id: entry.list.id, siteId: entry.site.id },
    contentType: { id: contentTypeId(entry, item), name: item.contentType },
    ...(fieldsNode
      ? {
          "fields@odata.context": `${context.metadata}#sites('${contextKey(entry.site.id)}')/lists('${entry.list.id}')/items('${item.id}')/fields/$entity`,
          fields: selectFields(fullFields(entry, item), fieldsNode.select),
        }
      : {}),
  };
  return applySelect(body, select, "listItem", ITEM_PROPERTIES, fieldsNode ? ["fields"] : []);
}

function selectFields(fields: Readonly<Record<string, unknown>>, select: readonly string[] | undefined) {
  if (!select) return fields;
  const wanted = new Set(select);
  return Object.fromEntries(
    Object.entries(fields).filter(([key]) => key === "@odata.etag" || wanted.has(key)),
  );
}

function itemWebUrl(entry: ListEntry, item: SharepointListItem): string {
  const driveItem = item.driveItemId ? entry.drive?.byId.get(item.driveItemId) : undefined;
  return driveItem ? driveItem.webUrl : `${entry.list.webUrl}/${item.id}_.000`;
}

/** Content type ids are the parent type's id, `00`, and the list's own suffix. */
function contentTypeId(entry: ListEntry, item: SharepointListItem): string {
  const suffix = entry.list.id.replace(/-/g, "").toUpperCase();
  const parent =
    item.contentType === "Document" ? "0x0101" : item.contentType === "Folder" ? "0x0120" : "0x01";
  return `${parent}00${suffix}`;
}
