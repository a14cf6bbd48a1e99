/**
 * Shared by the custom lists: turns drafted items into list items the way SharePoint numbers
 * them (ids in creation order), with unique ids, versions and Graph date-times.
 */
import { WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import { graphDateTime, latestDateTime } from "./graph-time.ts";
import { guid } from "./ids.ts";
import type { SharepointFieldValue, SharepointListItem, SharepointUser } from "./types.ts";
import type { Directory } from "./users.ts";

export interface ItemDraft {
  readonly created: number;
  readonly modified: number;
  readonly createdBy: SharepointUser;
  readonly lastModifiedBy: SharepointUser;
  readonly fields: Readonly<Record<string, SharepointFieldValue>>;
}

/** What a list generator needs to know about the site it belongs to. */
export interface ListContext {
  readonly siteUrl: string;
  readonly siteCreatedMs: number;
  /** Who created the site's lists. */
  readonly owner: SharepointUser;
  readonly directory: Directory;
}

export function listWebUrl(siteUrl: string, name: string): string {
  return `${siteUrl}/Lists/${encodeURIComponent(name)}`;
}

/** Orders drafts by creation and numbers them from 1; dates are kept inside the site's life. */
export function numberItems(
  random: Random,
  drafts: readonly ItemDraft[],
  floorMs: number,
): SharepointListItem[] {
  const clamp = (ms: number) => Math.min(WORLD_END, Math.max(floorMs, ms));
  const ordered = drafts
    .map((draft) => ({ draft, created: clamp(draft.created) }))
    .sort((a, b) => a.created - b.created);
  return ordered.map(({ draft, created }, index) => {
    const modified = Math.max(created, clamp(draft.modified));
    return {
      id: String(index + 1),
      createdDateTime: graphDateTime(created),
      lastModifiedDateTime: graphDateTime(modified),
      createdBy: draft.createdBy,
      lastModifiedBy: modified > created ? draft.lastModifiedBy : draft.createdBy,
      uniqueId: guid(random),
      version: modified > created ? random.int(2, 6) : 1,
      contentType: "Item",
      fields: draft.fields,
    };
  });
}

export function latestModified(items: readonly SharepointListItem[], since: string): string {
  return latestDateTime(
    since,
    items.map((item) => item.lastModifiedDateTime),
  );
}
