/**
 * The `fields` of a list item as Graph returns them: the owner's columns that have a value (Graph
 * leaves empty columns out), and the system columns SharePoint adds to every item (`id`,
 * `ContentType`, `Created`, `Modified`, lookup ids of author and editor, version...).
 */
import type { ListEntry } from "../graph-store.ts";
import type { SharepointFieldValue, SharepointListItem } from "../model.ts";

type Fields = Readonly<Record<string, SharepointFieldValue>>;

const cache = new WeakMap<SharepointListItem, Fields>();

export function itemETag(item: { readonly uniqueId: string; readonly version: number }): string {
  return `"${item.uniqueId},${item.version}"`;
}

export function fullFields(entry: ListEntry, item: SharepointListItem): Fields {
  const known = cache.get(item);
  if (known) return known;
  const fields = entry.drive ? libraryFields(entry, item) : genericFields(item);
  cache.set(item, fields);
  return fields;
}

function ownFields(item: SharepointListItem): Record<string, SharepointFieldValue> {
  return Object.fromEntries(Object.entries(item.fields).filter(([, value]) => value !== null));
}

const COMPLIANCE = {
  _ComplianceFlags: "",
  _ComplianceTag: "",
  _ComplianceTagWrittenTime: "",
  _ComplianceTagUserId: "",
};

function genericFields(item: SharepointListItem): Fields {
  const title: Record<string, SharepointFieldValue> =
    typeof item.fields.Title === "string"
      ? { LinkTitleNoMenu: item.fields.Title, LinkTitle: item.fields.Title }
      : {};
  return {
    "@odata.etag": itemETag(item),
    ...ownFields(item),
    id: item.id,
    ContentType: item.contentType,
    Modified: item.lastModifiedDateTime,
    Created: item.createdDateTime,
    AuthorLookupId: String(item.createdBy.lookupId),
    EditorLookupId: String(item.lastModifiedBy.lookupId),
    _UIVersionString: `${item.version}.0`,
    Attachments: false,
    Edit: "",
    ...title,
    ItemChildCount: "0",
    FolderChildCount: "0",
    ...COMPLIANCE,
  };
}

function libraryFields(entry: ListEntry, item: SharepointListItem): Fields {
  const driveItem = item.driveItemId ? entry.drive?.byId.get(item.driveItemId) : undefined;
  const name = String(item.fields.FileLeafRef ?? driveItem?.name ?? "");
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const children = driveItem ? (entry.drive?.children.get(driveItem.id) ?? []) : [];
  const file: Record<string, SharepointFieldValue> = driveItem?.file
    ? { DocIcon: extension ?? "", FileSizeDisplay: String(driveItem.size) }
    : {};
  return {
    "@odata.etag": itemETag(item),
    ...ownFields(item),
    id: item.id,
    ContentType: item.contentType,
    Created: item.createdDateTime,
    AuthorLookupId: String(item.createdBy.lookupId),
    Modified: item.lastModifiedDateTime,
    EditorLookupId: String(item.lastModifiedBy.lookupId),
    _CheckinComment: "",
    LinkFilenameNoMenu: name,
    LinkFilename: name,
    ...file,
    ItemChildCount: String(children.filter((child) => child.file).length),
    FolderChildCount: String(children.filter((child) => child.folder).length),
    ...COMPLIANCE,
    _CommentCount: "",
    _LikeCount: "",
    _DisplayName: "",
    Edit: "0",
    _UIVersionString: `${item.version}.0`,
    ParentVersionStringLookupId: item.id,
    ParentLeafNameLookupId: item.id,
  };
}
