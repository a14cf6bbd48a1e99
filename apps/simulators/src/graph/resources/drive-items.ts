/**
 * Drives and driveItems: a site's drives, one drive, an item (by id or path), a folder's
 * children (paged, sortable, never filterable), search, and an item's listItem. Items carry
 * `file` or `folder` facets, `parentReference` with the drive-relative path, and on request
 * (`expand=listItem`) the library list item with its metadata fields.
 */
import { invalidRequest, itemNotFound, unknownProperty } from "../graph-error.ts";
import type { DriveEntry } from "../graph-store.ts";
import type { SharepointDriveItem, SharepointSite } from "../model.ts";
import { type PropertyReader, sortBy } from "../odata/evaluate.ts";
import type { ExpandNode } from "../odata/expand.ts";
import { paginate } from "../odata/paging.ts";
import { collection } from "./collection.ts";
import { identitySet } from "./identity.ts";
import { fieldsExpansion, renderListItem } from "./list-items.ts";
import { contextKey, type RequestContext } from "./request-context.ts";
import { applySelect } from "./select.ts";

const DRIVE_ITEM_PROPERTIES = [
  "id",
  "createdDateTime",
  "eTag",
  "lastModifiedDateTime",
  "name",
  "webUrl",
  "cTag",
  "size",
  "createdBy",
  "lastModifiedBy",
  "parentReference",
  "file",
  "folder",
  "fileSystemInfo",
  "root",
  "listItem",
  "searchResult",
];

/** SharePoint's default quota for a site's storage: 25 TB. */
const QUOTA_TOTAL = 27_487_790_694_400;

export function getDrives(context: RequestContext, site: SharepointSite) {
  const drive = context.store.driveOf(site);
  return collection(`${context.metadata}#drives`, [renderDrive(drive)], undefined);
}

export function getDrive(context: RequestContext, drive: DriveEntry) {
  return { "@odata.context": `${context.metadata}#drives/$entity`, ...renderDrive(drive) };
}

function renderDrive(entry: DriveEntry): Record<string, unknown> {
  const { drive, site, root } = entry;
  const system = identitySet({ displayName: "System Account", lookupId: 1073741823 });
  return {
    createdDateTime: drive.createdDateTime,
    description: drive.description,
    id: drive.id,
    lastModifiedDateTime: drive.lastModifiedDateTime,
    name: drive.name,
    webUrl: drive.webUrl,
    driveType: "documentLibrary",
    createdBy: system,
    lastModifiedBy: system,
    owner: { group: { displayName: `${site.displayName} Owners` } },
    quota: {
      deleted: 0,
      remaining: QUOTA_TOTAL - root.size,
      state: "normal",
      total: QUOTA_TOTAL,
      used: root.size,
    },
  };
}

export function getDriveItem(context: RequestContext, drive: DriveEntry, item: SharepointDriveItem) {
  const place = item === drive.root ? "root" : "items";
  return {
    "@odata.context": `${context.metadata}#drives('${contextKey(drive.drive.id)}')/${place}/$entity`,
    ...renderDriveItem(context, drive, item, false),
  };
}

export function getChildren(context: RequestContext, drive: DriveEntry, folder: SharepointDriveItem) {
  if (context.options.filter) throw invalidRequest("$filter is not supported on this API.");
  const children = drive.children.get(folder.id) ?? [];
  const sorted = sortBy(children, context.options.orderBy, driveItemReader);
  const page = paginate(
    context.request,
    sorted,
    (item) => item.listItemId ?? item.id,
    context.options,
    context.limits,
  );
  const driveKey = contextKey(drive.drive.id);
  const place = folder === drive.root ? "root" : `items('${folder.id}')`;
  return collection(
    `${context.metadata}#drives('${driveKey}')/${place}/children`,
    page.items.map((item) => renderDriveItem(context, drive, item, false)),
    page.nextLink,
  );
}

/** Every term must appear in the name or the document's type or discipline. */
export function searchDrive(context: RequestContext, drive: DriveEntry, query: string) {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term.length > 0);
  const library = context.store.library(drive);
  const found = drive.drive.items.filter((item) => {
    if (item === drive.root || terms.length === 0) return false;
    const fields = item.listItemId ? library.itemsById.get(item.listItemId)?.fields : undefined;
    const text = [item.name, fields?.DocumentType, fields?.Discipline].join(" ").toLowerCase();
    return terms.every((term) => text.includes(term));
  });
  const page = paginate(
    context.request,
    found,
    (item) => item.listItemId ?? item.id,
    context.options,
    context.limits,
  );
  return collection(
    `${context.metadata}#Collection(driveItem)`,
    page.items.map((item) => renderDriveItem(context, drive, item, true)),
    page.nextLink,
  );
}

export function getDriveItemListItem(context: RequestContext, drive: DriveEntry, item: SharepointDriveItem) {
  const library = context.store.library(drive);
  const listItem = item.listItemId ? library.itemsById.get(item.listItemId) : undefined;
  if (!listItem) throw itemNotFound("The resource could not be found.");
  const fieldsNode = fieldsExpansion(context.options.expand);
  return {
    "@odata.context": `${context.metadata}#drives('${contextKey(drive.drive.id)}')/items('${item.id}')/listItem/$entity`,
    ...renderListItem(context, library, listItem, fieldsNode, context.options.select),
  };
}

function driveItemReader(item: SharepointDriveItem): PropertyReader {
  return (property) => {
    switch (property) {
      case "name":
        return { value: item.name, type: "text" };
      case "size":
        return { value: item.size, type: "number" };
      case "createdDateTime":
        return { value: item.createdDateTime, type: "dateTime" };
      case "lastModifiedDateTime":
        return { value: item.lastModifiedDateTime, type: "dateTime" };
      default:
        throw invalidRequest(`Invalid $orderby: '${property}' is not sortable on this API.`);
    }
  };
}

function renderDriveItem(
  context: RequestContext,
  drive: DriveEntry,
  item: SharepointDriveItem,
  fromSearch: boolean,
): Record<string, unknown> {
  const unique = `{${item.uniqueId.toUpperCase()}}`;
  const listItemNode = listItemExpansion(context.options.expand);
  const body = {
    createdDateTime: item.createdDateTime,
    eTag: `"${unique},${item.version}"`,
    id: item.id,
    lastModifiedDateTime: item.lastModifiedDateTime,
    name: item.name,
    webUrl: item.webUrl,
    cTag: `"c:${unique},${item.version}"`,
    size: item.size,
    createdBy: identitySet(item.createdBy),
    lastModifiedBy: identitySet(item.lastModifiedBy),
    parentReference: parentReference(drive, item, fromSearch),
    ...(item.file
      ? { file: { mimeType: item.file.mimeType, hashes: { quickXorHash: item.file.quickXorHash } } }
      : {}),
    ...(item.folder ? { folder: { childCount: item.folder.childCount } } : {}),
    fileSystemInfo: {
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime,
    },
    ...(item === drive.root ? { root: {} } : {}),
    ...(fromSearch ? { searchResult: {} } : {}),
    ...(listItemNode ? expandedListItem(context, drive, item, listItemNode) : {}),
  };
  return applySelect(
    body,
    context.options.select,
    "driveItem",
    DRIVE_ITEM_PROPERTIES,
    listItemNode ? ["listItem"] : [],
  );
}

function parentReference(drive: DriveEntry, item: SharepointDriveItem, fromSearch: boolean) {
  const base = { driveType: "documentLibrary", driveId: drive.drive.id };
  if (item.parentId === null) return base;
  return {
    ...base,
    id: item.parentId,
    ...(fromSearch ? {} : { path: `/drives/${drive.drive.id}/root:${item.parentPath}` }),
    siteId: drive.site.id,
  };
}

function listItemExpansion(nodes: readonly ExpandNode[]): ExpandNode | undefined {
  for (const node of nodes)
    if (node.name.toLowerCase() !== "listitem") throw unknownProperty(node.name, "driveItem");
  return nodes[0];
}

/** `expand=listItem` brings the item's fields along unless the expansion says otherwise. */
function expandedListItem(
  context: RequestContext,
  drive: DriveEntry,
  item: SharepointDriveItem,
  node: ExpandNode,
) {
  const library = context.store.library(drive);
  const listItem = item.listItemId ? library.itemsById.get(item.listItemId) : undefined;
  if (!listItem) return {};
  const fieldsNode = fieldsExpansion(node.expand) ?? { name: "fields", expand: [] };
  return {
    "listItem@odata.context": `${context.metadata}#drives('${contextKey(drive.drive.id)}')/items('${item.id}')/listItem/$entity`,
    listItem: renderListItem(context, library, listItem, fieldsNode, node.select),
  };
}
