/**
 * Lookups over the generated SharePoint data, built once per simulator: sites by composite id
 * and by path, lists by id or title, drives by id, driveItems by id, path and parent. Applies
 * the simulator's per-list choice of indexed columns.
 */
import type {
  SharepointColumn,
  SharepointData,
  SharepointDrive,
  SharepointDriveItem,
  SharepointList,
  SharepointListItem,
  SharepointSite,
} from "./model.ts";

/** Indexed column names per list, keyed by list display name (`Safety Incidents`) or id. */
export type IndexedColumns = Readonly<Record<string, readonly string[]>>;

export interface ListEntry {
  readonly site: SharepointSite;
  readonly list: SharepointList;
  readonly columns: ReadonlyMap<string, SharepointColumn>;
  readonly itemsById: ReadonlyMap<string, SharepointListItem>;
  /** Set for a document library. */
  readonly drive?: DriveEntry;
}

export interface DriveEntry {
  readonly site: SharepointSite;
  readonly drive: SharepointDrive;
  readonly root: SharepointDriveItem;
  readonly byId: ReadonlyMap<string, SharepointDriveItem>;
  /** Keyed by lowercased path from the root, e.g. `/23-104/23-104 drawing log.xlsx`. */
  readonly byPath: ReadonlyMap<string, SharepointDriveItem>;
  readonly children: ReadonlyMap<string, readonly SharepointDriveItem[]>;
}

export class GraphStore {
  readonly hostname: string;
  readonly tenantDomain: string;
  /** The root site first, then the regional sites. */
  readonly sites: readonly SharepointSite[];
  private readonly sitesById = new Map<string, SharepointSite>();
  private readonly sitesByPath = new Map<string, SharepointSite>();
  private readonly drives = new Map<string, DriveEntry>();
  private readonly lists = new Map<SharepointSite, ListEntry[]>();

  constructor(data: SharepointData, indexed: IndexedColumns = {}) {
    this.hostname = data.hostname.toLowerCase();
    this.tenantDomain = data.tenantDomain;
    this.sites = [data.rootSite, ...data.sites];
    for (const site of this.sites) {
      this.sitesById.set(site.id.toLowerCase(), site);
      this.sitesByPath.set(site.serverRelativePath.toLowerCase(), site);
      const drive = driveEntry(site);
      this.drives.set(site.drive.id, drive);
      this.lists.set(
        site,
        site.lists.map((list) =>
          listEntry(site, list, indexed, list.id === site.drive.listId ? drive : undefined),
        ),
      );
    }
  }

  siteById(id: string): SharepointSite | undefined {
    return this.sitesById.get(id.toLowerCase());
  }

  siteByPath(path: string): SharepointSite | undefined {
    const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
    return this.sitesByPath.get(normalized.toLowerCase());
  }

  rootSite(): SharepointSite {
    return this.sites[0]!;
  }

  listsOf(site: SharepointSite): readonly ListEntry[] {
    return this.lists.get(site) ?? [];
  }

  /** Graph accepts a list's id or its title in the URL. */
  list(site: SharepointSite, idOrTitle: string): ListEntry | undefined {
    const key = idOrTitle.toLowerCase();
    return this.listsOf(site).find(
      (entry) =>
        entry.list.id === key ||
        entry.list.displayName.toLowerCase() === key ||
        entry.list.name.toLowerCase() === key,
    );
  }

  drive(id: string): DriveEntry | undefined {
    return this.drives.get(id);
  }

  driveOf(site: SharepointSite): DriveEntry {
    return this.drives.get(site.drive.id)!;
  }

  /** The document library list behind a drive. */
  library(drive: DriveEntry): ListEntry {
    return this.listsOf(drive.site).find((entry) => entry.list.id === drive.drive.listId)!;
  }
}

function listEntry(
  site: SharepointSite,
  list: SharepointList,
  indexed: IndexedColumns,
  drive: DriveEntry | undefined,
): ListEntry {
  const chosen = indexed[list.displayName] ?? indexed[list.id];
  const columns = new Map(
    list.columns.map((column) => [
      column.name,
      chosen ? { ...column, indexed: chosen.includes(column.name) } : column,
    ]),
  );
  return {
    site,
    list,
    columns,
    itemsById: new Map(list.items.map((item) => [item.id, item])),
    ...(drive ? { drive } : {}),
  };
}

function driveEntry(site: SharepointSite): DriveEntry {
  const items = site.drive.items;
  const root = items.find((item) => item.parentId === null)!;
  const byId = new Map(items.map((item) => [item.id, item]));
  const children = new Map<string, SharepointDriveItem[]>();
  for (const item of items) {
    if (item.parentId === null) continue;
    const siblings = children.get(item.parentId) ?? [];
    siblings.push(item);
    children.set(item.parentId, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.name.localeCompare(b.name));
  const byPath = new Map(
    items
      .filter((item) => item !== root)
      .map((item) => [`${item.parentPath}/${item.name}`.toLowerCase(), item]),
  );
  return { site, drive: site.drive, root, byId, byPath, children };
}
