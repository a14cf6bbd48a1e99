/** Answers a resolved resource with its Graph JSON. */
import {
  getChildren,
  getDrive,
  getDriveItem,
  getDriveItemListItem,
  getDrives,
  searchDrive,
} from "./drive-items.ts";
import { getListItem, getListItems } from "./list-items.ts";
import { getColumns, getList, getLists } from "./lists.ts";
import type { RequestContext } from "./request-context.ts";
import type { Resource } from "./resolve-path.ts";
import { getSite, listSubsites, searchSites } from "./sites.ts";

export function serve(context: RequestContext, resource: Resource): unknown {
  switch (resource.kind) {
    case "sites":
      return searchSites(context);
    case "site":
      return getSite(context, resource.site);
    case "subsites":
      return listSubsites(context, resource.site);
    case "lists":
      return getLists(context, resource.site);
    case "list":
      return getList(context, resource.entry);
    case "columns":
      return getColumns(context, resource.entry);
    case "listItems":
      return getListItems(context, resource.entry);
    case "listItem":
      return getListItem(context, resource.entry, resource.item);
    case "drives":
      return getDrives(context, resource.site);
    case "drive":
      return getDrive(context, resource.drive);
    case "driveItem":
      return getDriveItem(context, resource.drive, resource.item);
    case "children":
      return getChildren(context, resource.drive, resource.item);
    case "driveItemListItem":
      return getDriveItemListItem(context, resource.drive, resource.item);
    case "search":
      return searchDrive(context, resource.drive, resource.query);
  }
}
