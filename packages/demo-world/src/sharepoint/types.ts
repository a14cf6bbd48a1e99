/**
 * The company's SharePoint Online tenant as Microsoft Graph sees it: one site per region, each
 * with a "Documents" library (a folder per project, named by job number) and two custom lists.
 * Values are already in Graph's wire form (date-times as `2024-03-05T17:12:09Z`, ids as strings)
 * so a simulator only has to arrange them into responses.
 */
import type { RegionName } from "../company/types.ts";

/** A list item field value as Graph returns it; `null` means the column is empty (Graph omits it). */
export type SharepointFieldValue = string | number | boolean | null;

export type SharepointColumnType =
  | "text"
  | "note"
  | "number"
  | "currency"
  | "dateTime"
  | "choice"
  | "boolean";

export interface SharepointColumn {
  readonly id: string;
  /** Internal name, the key in `fields` and in `$filter=fields/{name}`. */
  readonly name: string;
  readonly displayName: string;
  readonly type: SharepointColumnType;
  /** Whether the column has a SharePoint index, so `$filter`/`$orderby` on it work without `Prefer`. */
  readonly indexed: boolean;
  readonly required: boolean;
  readonly readOnly: boolean;
  /** Choice columns only. */
  readonly choices?: readonly string[];
  /** dateTime columns only: `dateOnly` columns hold local midnight, expressed in UTC. */
  readonly dateFormat?: "dateOnly" | "dateTime";
  /** Built into every list (Title, Created, Modified...) rather than added by the site owner. */
  readonly builtIn: boolean;
}

/** A person as SharePoint identifies them: Entra object id plus the site's user-list id. */
export interface SharepointUser {
  /** Absent for SharePoint's own "System Account". */
  readonly id?: string;
  readonly displayName: string;
  readonly email?: string;
  /** The id in the site's hidden User Information List (`AuthorLookupId` in fields). */
  readonly lookupId: number;
}

export type SharepointContentType = "Item" | "Document" | "Folder";

export interface SharepointListItem {
  /** Sequential per list, in creation order: "1", "2", ... */
  readonly id: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly createdBy: SharepointUser;
  readonly lastModifiedBy: SharepointUser;
  /** The item's unique id; the eTag is `"{uniqueId},{version}"`. */
  readonly uniqueId: string;
  readonly version: number;
  readonly contentType: SharepointContentType;
  /** The owner's columns plus Title (and FileLeafRef in a library); system columns are derived. */
  readonly fields: Readonly<Record<string, SharepointFieldValue>>;
  /** Document library items only: the driveItem this list item describes. */
  readonly driveItemId?: string;
}

export type SharepointListTemplate = "genericList" | "documentLibrary";

export interface SharepointList {
  readonly id: string;
  /** URL name: `Shared Documents`, `ProjectDirectory`. */
  readonly name: string;
  /** Title shown to users: `Documents`, `Project Directory`. */
  readonly displayName: string;
  readonly description: string;
  readonly template: SharepointListTemplate;
  readonly webUrl: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly createdBy: SharepointUser;
  readonly columns: readonly SharepointColumn[];
  readonly items: readonly SharepointListItem[];
}

export interface SharepointDriveItem {
  /** 34-character Graph driveItem id, e.g. `01XQ4V2HN6Y2GOVW7725BZO354PWSELRRZ`. */
  readonly id: string;
  readonly name: string;
  /** Null for the drive's root. */
  readonly parentId: string | null;
  /** Path of the containing folder from the drive root: `` for root's children, `/23-104` below. */
  readonly parentPath: string;
  readonly webUrl: string;
  /** Bytes; for a folder, the total of everything in it. */
  readonly size: number;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly createdBy: SharepointUser;
  readonly lastModifiedBy: SharepointUser;
  readonly uniqueId: string;
  readonly version: number;
  readonly file?: { readonly mimeType: string; readonly quickXorHash: string };
  readonly folder?: { readonly childCount: number };
  /** The library list item behind this driveItem (none for the root). */
  readonly listItemId: string | null;
}

export interface SharepointDrive {
  /** `b!` + base64url of the site collection, web and list GUIDs. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly webUrl: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  /** The document library list this drive is. */
  readonly listId: string;
  /** The root first, then folders and files. */
  readonly items: readonly SharepointDriveItem[];
}

export interface SharepointSite {
  /** Graph's composite id: `{hostname},{siteCollectionId},{webId}`. */
  readonly id: string;
  readonly hostname: string;
  readonly siteCollectionId: string;
  readonly webId: string;
  /** URL name, e.g. `north-ops`; empty for the tenant's root site. */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** Server-relative path: `/sites/north-ops`, or `/` for the root site. */
  readonly serverRelativePath: string;
  readonly webUrl: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  /** The region the site serves; null for the root site. */
  readonly region: RegionName | null;
  readonly drive: SharepointDrive;
  /** The document library first, then the custom lists. */
  readonly lists: readonly SharepointList[];
}

export interface SharepointData {
  /** `cascaderidge.sharepoint.com` */
  readonly hostname: string;
  /** The Entra tenant's initial domain, `cascaderidge.onmicrosoft.com`. */
  readonly tenantDomain: string;
  readonly rootSite: SharepointSite;
  /** One per region, in the company's region order. */
  readonly sites: readonly SharepointSite[];
}
