/**
 * What the geodatabase adds to every row: ObjectIDs (with the gaps deleted rows leave behind,
 * so no client can assume they are contiguous), GlobalIDs, and editor-tracking stamps.
 */
import { randomMoment, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { AttributeValue } from "./types.ts";

/** Increasing ObjectIDs starting at 1, skipping a few the way deletions do. */
export function objectIdSequence(random: Random): () => number {
  let last = 0;
  return () => {
    last += random.chance(0.04) ? random.int(2, 4) : 1;
    return last;
  };
}

/** A GlobalID as ArcGIS returns it: an upper-case version-4 GUID in braces. */
export function globalId(random: Random): string {
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => random.int(0, 15).toString(16))
      .join("")
      .toUpperCase();
  const variant = "89AB"[random.int(0, 3)]!;
  return `{${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}}`;
}

const GIS_EDITORS = ["gis.admin", "mkowalski", "tnguyen", "rdelgado", "sync.service"];

/**
 * `created_*`/`last_edited_*` stamps: created at `created`, last edited some time after it (often
 * never since), never after the end of the world.
 */
export function editorTracking(random: Random, created: number): Record<string, AttributeValue> {
  const creator = random.weighted(GIS_EDITORS.map((name, i) => [name, i === 0 ? 4 : 2] as const));
  const edited = random.chance(0.55) ? randomMoment(random, created, WORLD_END) : created;
  return {
    created_user: creator,
    created_date: created,
    last_edited_user: edited === created ? creator : random.pick(GIS_EDITORS),
    last_edited_date: edited,
  };
}
