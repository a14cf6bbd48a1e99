/**
 * When a project's records can happen: from shortly before the start (preconstruction) to a
 * little after completion (closeout). The company moved onto Procore at the world's start, so
 * nothing is recorded before it, and nothing after the world's end.
 */
import type { Project } from "../company/types.ts";
import { DAY_MS, isoDateTime, randomMoment, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";

export interface ActivityWindow {
  readonly from: number;
  readonly to: number;
  /** Share of the project's planned activity that has happened by the world's end, 0..1. */
  readonly elapsed: number;
}

export function activityWindow(project: Project): ActivityWindow | null {
  const from = Math.max(WORLD_START, project.startDate - 30 * DAY_MS);
  const plannedTo = project.completionDate + 30 * DAY_MS;
  const to = Math.min(plannedTo, WORLD_END);
  if (to <= from) return null;
  return { from, to, elapsed: (to - from) / (plannedTo - from) };
}

/** A created/updated pair: updated some time after created, never after `until`. */
export function createdAndUpdated(
  random: Random,
  window: ActivityWindow,
  until = WORLD_END,
): { created: number; updated: number } {
  const created = randomMoment(random, window.from, window.to);
  const updated = Math.min(until, created + random.int(0, 45) * DAY_MS + random.int(0, 8 * 3600) * 1000);
  return { created, updated: Math.max(created, updated) };
}

/** A count for a project, skewed by tier and shrunk to the part of the job that has happened. */
export function tierCount(
  random: Random,
  tier: Project["tier"],
  ranges: Record<Project["tier"], readonly [number, number]>,
  elapsed: number,
): number {
  const [min, max] = ranges[tier];
  const skewed = min + (max - min) * random.next() ** 1.6;
  return Math.round(skewed * elapsed);
}

/** Procore's timestamp format: UTC, whole seconds, no fraction (`2024-03-05T08:53:49Z`). */
export function timestamp(ms: number): string {
  return isoDateTime(ms).replace(".000Z", "Z");
}
