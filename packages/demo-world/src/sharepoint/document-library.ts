/**
 * A site's "Documents" library seen both ways Graph offers: as a drive (root, one folder per
 * project named by its job number, the project's files inside) and as the list behind it, whose
 * items carry the metadata columns. Both views share ids, dates and versions, as in SharePoint.
 */
import type { Person, Project } from "../company/types.ts";
import type { Random } from "../random.ts";
import { documentLibraryColumns } from "./columns.ts";
import { graphDateTime, latestDateTime } from "./graph-time.ts";
import { driveId, driveItemId, driveItemIdPrefix, guid, quickXorHash } from "./ids.ts";
import { type DocumentDraft, projectDocuments } from "./project-documents.ts";
import type {
  SharepointDrive,
  SharepointDriveItem,
  SharepointFieldValue,
  SharepointList,
  SharepointListItem,
  SharepointUser,
} from "./types.ts";
import { type Directory, SYSTEM_ACCOUNT } from "./users.ts";

export interface SiteFrame {
  readonly siteCollectionId: string;
  readonly webId: string;
  readonly webUrl: string;
  readonly createdMs: number;
}

/** An entry before list item ids are assigned (they follow creation order across the library). */
interface Entry {
  readonly drive: Omit<SharepointDriveItem, "listItemId">;
  readonly fields: Readonly<Record<string, SharepointFieldValue>>;
  readonly contentType: "Document" | "Folder";
}

export function generateDocumentLibrary(
  random: Random,
  site: SiteFrame,
  projects: readonly Project[],
  people: readonly Person[],
  directory: Directory,
): { drive: SharepointDrive; list: SharepointList } {
  const ids = random.fork("ids");
  const listId = guid(ids);
  const prefix = driveItemIdPrefix(ids);
  const libraryUrl = `${site.webUrl}/Shared%20Documents`;
  const rootId = driveItemId(ids, prefix);
  const entries = projects.flatMap((project) => {
    const docs = projectDocuments(random.fork(`documents/${project.jobNumber}`), project, people);
    return projectEntries(ids, prefix, { rootId, libraryUrl, project, docs, directory });
  });
  const numbered = numberInCreationOrder(entries);
  const root = rootItem(rootId, libraryUrl, site, numbered, guid(ids));
  const created = graphDateTime(site.createdMs);
  const lastModified = latestDateTime(
    created,
    numbered.map((n) => n.item.lastModifiedDateTime),
  );
  const drive: SharepointDrive = {
    id: driveId(site.siteCollectionId, site.webId, listId),
    name: "Documents",
    description: "",
    webUrl: libraryUrl,
    createdDateTime: created,
    lastModifiedDateTime: lastModified,
    listId,
    items: [root, ...numbered.map((n) => n.item)],
  };
  const list: SharepointList = {
    id: listId,
    name: "Shared Documents",
    displayName: "Documents",
    description: "",
    template: "documentLibrary",
    webUrl: libraryUrl,
    createdDateTime: created,
    lastModifiedDateTime: lastModified,
    createdBy: SYSTEM_ACCOUNT,
    columns: documentLibraryColumns(random.fork("columns")),
    items: numbered.map((n) => n.listItem),
  };
  return { drive, list };
}

interface ProjectFolder {
  readonly rootId: string;
  readonly libraryUrl: string;
  readonly project: Project;
  readonly docs: readonly DocumentDraft[];
  readonly directory: Directory;
}

function projectEntries(ids: Random, prefix: string, folder: ProjectFolder): Entry[] {
  const { project, docs, directory, libraryUrl } = folder;
  const job = project.jobNumber;
  const folderId = driveItemId(ids, prefix);
  const folderUrl = `${libraryUrl}/${encodeURIComponent(job)}`;
  const manager = directory.of(project.projectManager);
  const files: Entry[] = docs.map((doc) => ({
    drive: {
      id: driveItemId(ids, prefix),
      name: doc.name,
      parentId: folderId,
      parentPath: `/${job}`,
      webUrl: `${folderUrl}/${encodeURIComponent(doc.name)}`,
      size: doc.size,
      createdDateTime: graphDateTime(doc.created),
      lastModifiedDateTime: graphDateTime(doc.modified),
      createdBy: directory.of(doc.createdBy),
      lastModifiedBy: directory.of(doc.modifiedBy),
      uniqueId: guid(ids),
      version: doc.version,
      file: { mimeType: doc.mimeType, quickXorHash: quickXorHash(ids) },
    },
    fields: {
      FileLeafRef: doc.name,
      Title: null,
      DocumentType: doc.documentType,
      Discipline: doc.discipline,
      Revision: doc.revision,
    },
    contentType: "Document",
  }));
  const created = graphDateTime(project.startDate);
  const folderEntry: Entry = {
    drive: {
      id: folderId,
      name: job,
      parentId: folder.rootId,
      parentPath: "",
      webUrl: folderUrl,
      size: docs.reduce((sum, doc) => sum + doc.size, 0),
      createdDateTime: created,
      lastModifiedDateTime: created,
      createdBy: manager,
      lastModifiedBy: manager,
      uniqueId: guid(ids),
      version: 1,
      folder: { childCount: docs.length },
    },
    fields: { FileLeafRef: job, Title: null, DocumentType: null, Discipline: null, Revision: null },
    contentType: "Folder",
  };
  return [folderEntry, ...files];
}

function numberInCreationOrder(entries: readonly Entry[]) {
  const ordered = [...entries].sort(
    (a, b) =>
      a.drive.createdDateTime.localeCompare(b.drive.createdDateTime) ||
      Number(b.contentType === "Folder") - Number(a.contentType === "Folder") ||
      a.drive.name.localeCompare(b.drive.name),
  );
  return ordered.map((entry, index) => {
    const id = String(index + 1);
    const item: SharepointDriveItem = { ...entry.drive, listItemId: id };
    const listItem: SharepointListItem = {
      id,
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime,
      createdBy: item.createdBy,
      lastModifiedBy: item.lastModifiedBy,
      uniqueId: item.uniqueId,
      version: item.version,
      contentType: entry.contentType,
      fields: entry.fields,
      driveItemId: item.id,
    };
    return { item, listItem };
  });
}

function rootItem(
  id: string,
  libraryUrl: string,
  site: SiteFrame,
  numbered: readonly { item: SharepointDriveItem }[],
  uniqueId: string,
): SharepointDriveItem {
  const created = graphDateTime(site.createdMs);
  const folders = numbered.filter((n) => n.item.parentPath === "");
  const system: SharepointUser = SYSTEM_ACCOUNT;
  return {
    id,
    name: "root",
    parentId: null,
    parentPath: "",
    webUrl: libraryUrl,
    size: folders.reduce((sum, n) => sum + n.item.size, 0),
    createdDateTime: created,
    lastModifiedDateTime: latestDateTime(
      created,
      folders.map((n) => n.item.lastModifiedDateTime),
    ),
    createdBy: system,
    lastModifiedBy: system,
    uniqueId,
    version: 1,
    folder: { childCount: folders.length },
    listItemId: null,
  };
}
