/**
 * The project sites layer: one lot-shaped polygon per project, drawn around the project's
 * location, carrying the job number (`PROJECT_NUMBER`) every other system knows it by.
 */
import type { JobStatus, Project, ProjectTier } from "../company/types.ts";
import { DAY_MS, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { irregularLot, ringAcres } from "./geometry.ts";
import { editorTracking, globalId, objectIdSequence } from "./identity.ts";
import { SITE_STATUS_DOMAIN } from "./schema.ts";
import type { ArcgisFeature, Position } from "./types.ts";

export interface ProjectSite {
  readonly project: Project;
  /** The site's outline: closed, clockwise. */
  readonly ring: readonly Position[];
}

const SITE_ACRES: Record<ProjectTier, readonly [number, number]> = {
  large: [8, 30],
  medium: [2, 8],
  small: [0.3, 2.5],
};

export function drawSites(random: Random, projects: readonly Project[]): ProjectSite[] {
  return projects.map((project) => {
    const [min, max] = SITE_ACRES[project.tier];
    const acres = min + (max - min) * random.next() ** 1.6;
    return { project, ring: irregularLot(random, project.location, acres) };
  });
}

function statusCode(status: JobStatus): string {
  const entry = SITE_STATUS_DOMAIN.codedValues.find((value) => value.name === status);
  return String(entry?.code);
}

/** Civil work is public and needs no building permit; nothing is permitted before it starts. */
function permitNumber(random: Random, project: Project): string | null {
  if (project.type === "Civil" || project.status === "Unstarted" || project.status === "Pending") return null;
  const year = new Date(project.startDate).getUTCFullYear();
  return `BLD${year}-${String(random.int(100, 9999)).padStart(5, "0")}`;
}

export function projectSiteFeatures(random: Random, sites: readonly ProjectSite[]): ArcgisFeature[] {
  const nextObjectId = objectIdSequence(random.fork("objectids"));
  return sites.map(({ project, ring }) => {
    const notStarted = project.status === "Unstarted" || project.status === "Pending";
    const digitized = Math.max(WORLD_START, project.startDate - random.int(10, 60) * DAY_MS);
    return {
      attributes: {
        OBJECTID: nextObjectId(),
        GlobalID: globalId(random),
        PROJECT_NUMBER: project.jobNumber,
        PROJECT_NAME: project.name,
        PROJECT_TYPE: project.type,
        REGION: project.region,
        STATUS: statusCode(project.status),
        CONTRACT_VALUE: project.contractAmount,
        START_DATE: project.startDate,
        EST_COMPLETION: project.completionDate,
        SITE_ACRES: Math.round(ringAcres(ring) * 100) / 100,
        SITE_ADDRESS: project.address.street,
        CITY: project.address.city,
        OWNER_NAME: project.customer.name,
        PROJECT_MANAGER: project.projectManager.name,
        SUPERINTENDENT: notStarted ? null : project.superintendent.name,
        PERMIT_NUMBER: permitNumber(random, project),
        ...editorTracking(random, digitized),
      },
      geometry: { rings: [ring] },
    };
  });
}
