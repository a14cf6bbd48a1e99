/** Observations: safety and quality issues the field team records and the trades close out. */
import type { Person, Project } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { IdSequences } from "./ids.ts";
import { userRef, vendorContactRef } from "./people.ts";
import { type ActivityWindow, createdAndUpdated, tierCount, timestamp } from "./timeline.ts";
import type { ObservationStatus, ProcoreObservationItem, ProcoreTrade } from "./types.ts";
import { OBSERVATION_NAMES, OBSERVATION_TYPES } from "./vocabulary.ts";

const COUNTS = { large: [40, 150], medium: [10, 50], small: [0, 12] } as const;

function statusOf(random: Random, project: Project, created: number): ObservationStatus {
  const ageDays = (WORLD_END - created) / DAY_MS;
  if (project.status === "Closed" || ageDays > 60) return random.chance(0.97) ? "closed" : "not_accepted";
  return random.weighted<ObservationStatus>([
    ["initiated", 3],
    ["ready_for_review", 2],
    ["not_accepted", 0.5],
    ["closed", 3],
  ]);
}

export function projectObservations(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  trades: ReadonlyMap<string, ProcoreTrade>,
  safetyManagers: readonly Person[],
): ProcoreObservationItem[] {
  const count = tierCount(random, project.tier, COUNTS, window.elapsed);
  const drafts = Array.from({ length: count }, () =>
    observationRecord(random, project, window, trades, safetyManagers),
  );
  drafts.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return drafts.map((item, i) => ({ ...item, id: ids.take("observation"), number: i + 1 }));
}

function observationRecord(
  random: Random,
  project: Project,
  window: ActivityWindow,
  trades: ReadonlyMap<string, ProcoreTrade>,
  safetyManagers: readonly Person[],
): ProcoreObservationItem {
  const type = random.pick(OBSERVATION_TYPES);
  const vendor = random.pick(project.vendors);
  const { created, updated } = createdAndUpdated(random, window);
  const status = statusOf(random, project, created);
  const closed = status === "closed" ? Math.min(WORLD_END, created + random.int(1, 20) * DAY_MS) : null;
  const reporter =
    type.category === "Safety" && safetyManagers.length > 0
      ? random.pick(safetyManagers)
      : project.superintendent;
  const name = random.pick(OBSERVATION_NAMES[type.category] ?? ["Field issue"]);
  return {
    id: 0,
    number: 0,
    name,
    description: `${name}. Observed during site walk; ${vendor.name} to correct.`,
    status,
    priority: random.weighted<ProcoreObservationItem["priority"]>([
      ["Low", 3],
      ["Medium", 4],
      ["High", 2],
      ["Urgent", 0.5],
    ]),
    type,
    trade: trades.get(vendor.trade) ?? null,
    assignee: vendorContactRef(vendor),
    created_by: userRef(reporter),
    location: null,
    specification_section: null,
    due_date: random.chance(0.85) ? isoDate(created + random.int(2, 10) * DAY_MS) : null,
    date_notified: isoDate(created),
    closed_at: closed === null ? null : timestamp(closed),
    created_at: timestamp(created),
    updated_at: timestamp(Math.max(updated, closed ?? 0)),
    deleted_at: null,
    personal: false,
    origin: null,
    custom_fields: {},
  };
}
