/**
 * The "Safety Incidents" log: a skewed trickle of incidents per project while it is active,
 * mostly near misses and first aid, rarely serious. Recent incidents are often still open, and
 * the optional columns are not always filled in.
 */
import type { Person, Project } from "../company/types.ts";
import { DAY_MS, randomMoment, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import { safetyIncidentColumns } from "./columns.ts";
import { graphDateTime } from "./graph-time.ts";
import { guid } from "./ids.ts";
import { type ItemDraft, type ListContext, latestModified, listWebUrl, numberItems } from "./list-items.ts";
import type { SharepointFieldValue, SharepointList } from "./types.ts";
import { INCIDENT_KINDS } from "./vocabulary.ts";

/** Incidents per 30 active days, by project size. */
const MONTHLY_RATE = { large: 0.7, medium: 0.4, small: 0.25 } as const;
const HOUR_MS = 3_600_000;

export function generateSafetyIncidents(
  random: Random,
  context: ListContext,
  projects: readonly Project[],
  people: readonly Person[],
): SharepointList {
  const id = guid(random.fork("ids"));
  const safetyManagers = people.filter((p) => p.role === "Safety Manager");
  const drafts = projects.flatMap((project) =>
    projectIncidents(random.fork(project.jobNumber), project, safetyManagers, context),
  );
  const items = numberItems(random.fork("items"), drafts, context.siteCreatedMs);
  const created = graphDateTime(context.siteCreatedMs);
  return {
    id,
    name: "SafetyIncidents",
    displayName: "Safety Incidents",
    description: "Incidents and near misses reported on the region's job sites.",
    template: "genericList",
    webUrl: listWebUrl(context.siteUrl, "SafetyIncidents"),
    createdDateTime: created,
    lastModifiedDateTime: latestModified(items, created),
    createdBy: context.owner,
    columns: safetyIncidentColumns(random.fork("columns")),
    items,
  };
}

function projectIncidents(
  random: Random,
  project: Project,
  safetyManagers: readonly Person[],
  context: ListContext,
): ItemDraft[] {
  const activeEnd = Math.min(project.completionDate, WORLD_END);
  const months = Math.max(0, activeEnd - project.startDate) / (30 * DAY_MS);
  const count = Math.floor(MONTHLY_RATE[project.tier] * months * (0.3 + random.next() * 1.4));
  return Array.from({ length: count }, () => {
    const occurred = Math.max(project.startDate, randomMoment(random, project.startDate, activeEnd));
    return incident(random, project, occurred, safetyManagers, context);
  });
}

function incident(
  random: Random,
  project: Project,
  occurred: number,
  safetyManagers: readonly Person[],
  context: ListContext,
): ItemDraft {
  const kind = random.weighted(INCIDENT_KINDS);
  const reporter = safetyManagers.length > 0 && random.chance(0.4) ? random.pick(safetyManagers) : null;
  const closed = random.chance(WORLD_END - occurred > 60 * DAY_MS ? 0.92 : 0.35);
  const created = occurred + random.int(1, 72) * HOUR_MS;
  const fields: Record<string, SharepointFieldValue> = {
    Title: kind.title,
    IncidentDate: graphDateTime(occurred),
    JobNumber: project.jobNumber,
    IncidentType: kind.type,
    Severity: random.weighted(kind.severities),
    Description: random.chance(0.8) ? kind.description : null,
    ReportedBy: random.chance(0.85) ? (reporter ?? project.superintendent).name : null,
    LostWorkDays: kind.type === "Lost Time" ? random.int(1, 15) : null,
    Closed: closed,
  };
  const author = context.directory.of(project.superintendent);
  const closer = reporter ? context.directory.of(reporter) : context.directory.of(project.projectManager);
  return {
    created,
    modified: closed ? created + random.int(1, 30) * DAY_MS : created,
    createdBy: author,
    lastModifiedBy: closer,
    fields,
  };
}
