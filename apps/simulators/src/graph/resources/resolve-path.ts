/**
 * Turns a Graph path (after `/v1.0`) into the resource it names, following Graph's addressing:
 * `sites/{hostname},{collection},{web}`, `sites/{hostname}:/sites/{path}[:/...]`, `sites/root`,
 * `sites/{id}/lists/{id or title}/items[/{id}]`, `sites/{id}/drive[s/{id}]/...`,
 * `drives/{id}/root[:/{path}:]/children`, `drives/{id}/items/{id}[/children]`,
 * `drives/{id}/root/search(q='...')`.
 */
import { invalidRequest, itemNotFound, segmentNotFound } from "../graph-error.ts";
import type { DriveEntry, GraphStore, ListEntry } from "../graph-store.ts";
import type { SharepointDriveItem, SharepointListItem, SharepointSite } from "../model.ts";

export type Resource =
  | { readonly kind: "sites" }
  | { readonly kind: "site"; readonly site: SharepointSite }
  | { readonly kind: "subsites"; readonly site: SharepointSite }
  | { readonly kind: "lists"; readonly site: SharepointSite }
  | { readonly kind: "list"; readonly entry: ListEntry }
  | { readonly kind: "columns"; readonly entry: ListEntry }
  | { readonly kind: "listItems"; readonly entry: ListEntry }
  | { readonly kind: "listItem"; readonly entry: ListEntry; readonly item: SharepointListItem }
  | { readonly kind: "drives"; readonly site: SharepointSite }
  | { readonly kind: "drive"; readonly drive: DriveEntry }
  | { readonly kind: "driveItem"; readonly drive: DriveEntry; readonly item: SharepointDriveItem }
  | { readonly kind: "children"; readonly drive: DriveEntry; readonly item: SharepointDriveItem }
  | { readonly kind: "driveItemListItem"; readonly drive: DriveEntry; readonly item: SharepointDriveItem }
  | { readonly kind: "search"; readonly drive: DriveEntry; readonly query: string };

const SITE_NOT_FOUND = "Requested site could not be found";
const ITEM_NOT_FOUND = "The resource could not be found.";

/** `path` is the decoded path after `/v1.0`, e.g. `/sites/root/lists`. */
export function resolvePath(path: string, store: GraphStore): Resource {
  const rest = path.replace(/^\/+/, "");
  if (rest === "sites") return { kind: "sites" };
  if (rest.startsWith("sites/")) {
    const { site, remainder } = resolveSite(rest.slice("sites/".length), store);
    return resolveInSite(site, remainder, store);
  }
  if (rest.startsWith("drives/")) {
    const [id = "", remainder] = splitFirst(rest.slice("drives/".length));
    const drive = store.drive(id);
    if (!drive) throw itemNotFound(ITEM_NOT_FOUND);
    return resolveInDrive(drive, remainder);
  }
  throw segmentNotFound(rest.split("/")[0] ?? "");
}

/** Splits `a/b/c` into `a` and `/b/c`. */
function splitFirst(text: string): [string, string] {
  const slash = text.indexOf("/");
  return slash < 0 ? [text, ""] : [text.slice(0, slash), text.slice(slash)];
}

function resolveSite(text: string, store: GraphStore): { site: SharepointSite; remainder: string } {
  const end = text.search(/[/:]/);
  const head = end < 0 ? text : text.slice(0, end);
  if (head === "root") return { site: store.rootSite(), remainder: end < 0 ? "" : text.slice(end) };
  if (end >= 0 && text[end] === ":") return resolveSiteByPath(head, text.slice(end + 1), store);
  const remainder = end < 0 ? "" : text.slice(end);
  const parts = head.split(",");
  checkHostname(parts[0] ?? "", store);
  if (parts.length === 1) return { site: store.rootSite(), remainder };
  const site = parts.length === 3 ? store.siteById(head) : undefined;
  if (!site) throw itemNotFound(SITE_NOT_FOUND);
  return { site, remainder };
}

/** `{hostname}:/sites/north-ops` optionally followed by `:/lists...`. */
function resolveSiteByPath(hostname: string, text: string, store: GraphStore) {
  checkHostname(hostname, store);
  const colon = text.indexOf(":");
  const path = colon < 0 ? text : text.slice(0, colon);
  const site = store.siteByPath(path || "/");
  if (!site) throw itemNotFound(SITE_NOT_FOUND);
  return { site, remainder: colon < 0 ? "" : text.slice(colon + 1) };
}

function checkHostname(hostname: string, store: GraphStore): void {
  if (hostname.toLowerCase() !== store.hostname) throw invalidRequest("Invalid hostname for this tenancy");
}

function resolveInSite(site: SharepointSite, remainder: string, store: GraphStore): Resource {
  const [first, rest] = splitFirst(remainder.replace(/^\/+/, ""));
  if (first === "") return { kind: "site", site };
  if (first === "sites" && rest === "") return { kind: "subsites", site };
  if (first === "drive") return resolveInDrive(store.driveOf(site), rest);
  if (first === "drives") {
    const [id, driveRest] = splitFirst(rest.replace(/^\//, ""));
    if (id === "") return { kind: "drives", site };
    const drive = store.drive(id);
    if (!drive || drive.site !== site) throw itemNotFound(ITEM_NOT_FOUND);
    return resolveInDrive(drive, driveRest);
  }
  if (first !== "lists") throw segmentNotFound(first);
  const [title, listRest] = splitFirst(rest.replace(/^\//, ""));
  if (title === "") return { kind: "lists", site };
  const entry = store.list(site, title);
  if (!entry) throw itemNotFound(`List '${title}' does not exist at site with URL '${site.webUrl}'.`);
  return resolveInList(
    entry,
    listRest.split("/").filter((s) => s.length > 0),
  );
}

function resolveInList(entry: ListEntry, segments: readonly string[]): Resource {
  const [first, second, third] = segments;
  if (first === undefined) return { kind: "list", entry };
  if (first === "columns" && second === undefined) return { kind: "columns", entry };
  if (first === "drive" && entry.drive && second === undefined) return { kind: "drive", drive: entry.drive };
  if (first !== "items" || third !== undefined) throw segmentNotFound(third ?? first);
  if (second === undefined) return { kind: "listItems", entry };
  const item = entry.itemsById.get(second);
  if (!item) throw itemNotFound("Item not found");
  return { kind: "listItem", entry, item };
}

/** `remainder` is what follows the drive, e.g. `/root:/23-104:/children`. */
function resolveInDrive(drive: DriveEntry, remainder: string): Resource {
  if (remainder === "" || remainder === "/") return { kind: "drive", drive };
  const byPath = /^\/root:(\/[^:]*)(?::(.*))?$/.exec(remainder);
  if (byPath) return withItem(drive, itemAtPath(drive, byPath[1]!), byPath[2] ?? "");
  const search = /^\/(?:root\/)?search\(q=(.*)\)$/.exec(remainder);
  if (search) return { kind: "search", drive, query: searchText(search[1]!) };
  if (remainder === "/root" || remainder.startsWith("/root/"))
    return withItem(drive, drive.root, remainder.slice("/root".length));
  const byId = /^\/items\/([^/]+)(.*)$/.exec(remainder);
  if (byId) {
    const item = byId[1] === "root" ? drive.root : drive.byId.get(byId[1]!);
    if (!item) throw itemNotFound(ITEM_NOT_FOUND);
    return withItem(drive, item, byId[2]!);
  }
  throw segmentNotFound(remainder.split("/")[1] ?? "");
}

function itemAtPath(drive: DriveEntry, path: string): SharepointDriveItem {
  const normalized = path.replace(/\/+$/, "");
  if (normalized === "") return drive.root;
  const item = drive.byPath.get(normalized.toLowerCase());
  if (!item) throw itemNotFound(ITEM_NOT_FOUND);
  return item;
}

function withItem(drive: DriveEntry, item: SharepointDriveItem, rest: string): Resource {
  if (rest === "" || rest === "/") return { kind: "driveItem", drive, item };
  if (rest === "/children") {
    if (!item.folder) throw itemNotFound(ITEM_NOT_FOUND);
    return { kind: "children", drive, item };
  }
  if (rest === "/listItem") return { kind: "driveItemListItem", drive, item };
  throw segmentNotFound(rest.split("/")[1] ?? rest);
}

/** `'text'` with `''` for a quote. */
function searchText(argument: string): string {
  const match = /^'((?:[^']|'')*)'$/.exec(argument.trim());
  if (!match) throw invalidRequest(`Invalid search query: ${argument}`);
  return match[1]!.replace(/''/g, "'");
}
