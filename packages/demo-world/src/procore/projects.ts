/** Procore project records: one per company job, `project_number` = the Sage job number. */
import type { Company, Project } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { timestamp } from "./timeline.ts";
import type { ProcoreIdName, ProcoreProject } from "./types.ts";
import { COUNTIES, PROJECT_STAGES, REGION_IDS, TIME_ZONE } from "./vocabulary.ts";

export function stageOf(project: Project): ProcoreIdName {
  switch (project.status) {
    case "Unstarted":
    case "Pending":
      return PROJECT_STAGES.preConstruction;
    case "Closed":
      return project.completionDate < WORLD_END - 365 * DAY_MS
        ? PROJECT_STAGES.warranty
        : PROJECT_STAGES.post;
    default:
      return PROJECT_STAGES.course;
  }
}

export function projectRecord(random: Random, company: Company, project: Project): ProcoreProject {
  // Jobs already running when the company moved onto Procore were set up in its first weeks.
  const setUp = project.startDate - random.int(20, 90) * DAY_MS + random.int(8 * 3600, 16 * 3600) * 1000;
  const created = Math.max(
    setUp,
    WORLD_START + random.int(1, 30) * DAY_MS + random.int(8 * 3600, 16 * 3600) * 1000,
  );
  const updated = Math.min(WORLD_END, project.startDate + random.int(0, 400) * DAY_MS);
  const stage = stageOf(project);
  return {
    id: project.procoreId,
    name: project.name,
    display_name: `${project.jobNumber} - ${project.name}`,
    project_number: project.jobNumber,
    address: project.address.street,
    city: project.address.city,
    state_code: project.address.state,
    country_code: "US",
    zip: project.address.zip,
    county: `${COUNTIES[project.address.city] ?? "King"} County`,
    time_zone: TIME_ZONE,
    latitude: project.location.latitude,
    longitude: project.location.longitude,
    stage: stage.name,
    project_stage: stage,
    phone: `(206) 555-${String(1000 + project.index).slice(-4)}`,
    fax: null,
    created_at: timestamp(created),
    updated_at: timestamp(Math.max(created, updated)),
    active: project.status !== "Closed",
    is_demo: false,
    origin_id: null,
    origin_data: null,
    origin_code: null,
    total_value: project.contractAmount,
    estimated_value: project.contractAmount,
    accounting_project_number: project.jobNumber,
    project_region_id: REGION_IDS[project.region] ?? 0,
    start_date: isoDate(project.startDate),
    completion_date: isoDate(project.completionDate),
    company: { id: company.procoreCompanyId, name: company.name },
    custom_fields: {},
  };
}
