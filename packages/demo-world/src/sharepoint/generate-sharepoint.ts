/**
 * Generates the company's SharePoint Online tenant from the company: the root site and one
 * operations site per region, each with its document library (a folder per project of the
 * region), Project Directory and Safety Incidents lists. Draws only from the `sharepoint`
 * stream, forked per site and per project, so adding a project never reshuffles another's files.
 */
import type { Company, Person, Project, Region } from "../company/types.ts";
import { DAY_MS, WORLD_START } from "../dates.ts";
import { createRandom, type Random } from "../random.ts";
import { generateDocumentLibrary } from "./document-library.ts";
import { graphDateTime, latestDateTime } from "./graph-time.ts";
import { compositeSiteId, guid } from "./ids.ts";
import type { ListContext } from "./list-items.ts";
import { generateProjectDirectory } from "./project-directory.ts";
import { generateSafetyIncidents } from "./safety-incidents.ts";
import type { SharepointData, SharepointSite } from "./types.ts";
import { createDirectory, type Directory } from "./users.ts";

export const SHAREPOINT_HOSTNAME = "cascaderidge.sharepoint.com";
export const SHAREPOINT_TENANT_DOMAIN = "cascaderidge.onmicrosoft.com";

/** The regional sites predate every project (the earliest starts 120 days before the world). */
const REGION_SITES_CREATED = WORLD_START - 150 * DAY_MS + 9 * 3_600_000;
const ROOT_SITE_CREATED = REGION_SITES_CREATED - 30 * DAY_MS;

export function generateSharepointData(company: Company): SharepointData {
  const random = createRandom(company.seed, "sharepoint");
  const directory = createDirectory(random.fork("users"), company.people);
  const owner = directory.of(company.people.find((p) => p.role === "Project Manager") ?? company.people[0]!);
  const rootSite = generateRootSite(random.fork("root"), company, directory);
  const sites = company.regions.map((region) =>
    generateRegionSite(random.fork(`site/${region.siteName}`), {
      region,
      projects: company.projects.filter((p) => p.region === region.name),
      people: company.people,
      directory,
      owner,
    }),
  );
  return { hostname: SHAREPOINT_HOSTNAME, tenantDomain: SHAREPOINT_TENANT_DOMAIN, rootSite, sites };
}

interface RegionInput {
  readonly region: Region;
  readonly projects: readonly Project[];
  readonly people: readonly Person[];
  readonly directory: Directory;
  readonly owner: ListContext["owner"];
}

function generateRegionSite(random: Random, input: RegionInput): SharepointSite {
  const ids = random.fork("ids");
  const siteCollectionId = guid(ids);
  const webId = guid(ids);
  const path = `/sites/${input.region.siteName}`;
  const webUrl = `https://${SHAREPOINT_HOSTNAME}${path}`;
  const frame = { siteCollectionId, webId, webUrl, createdMs: REGION_SITES_CREATED };
  const { drive, list } = generateDocumentLibrary(
    random.fork("documents"),
    frame,
    input.projects,
    input.people,
    input.directory,
  );
  const context: ListContext = {
    siteUrl: webUrl,
    siteCreatedMs: REGION_SITES_CREATED,
    owner: input.owner,
    directory: input.directory,
  };
  const lists = [
    list,
    generateProjectDirectory(random.fork("project-directory"), context, input.projects),
    generateSafetyIncidents(random.fork("safety-incidents"), context, input.projects, input.people),
  ];
  return {
    id: compositeSiteId(SHAREPOINT_HOSTNAME, siteCollectionId, webId),
    hostname: SHAREPOINT_HOSTNAME,
    siteCollectionId,
    webId,
    name: input.region.siteName,
    displayName: `${input.region.name} Operations`,
    description: `Project documents, directory and safety log for the ${input.region.name} region.`,
    serverRelativePath: path,
    webUrl,
    createdDateTime: graphDateTime(REGION_SITES_CREATED),
    lastModifiedDateTime: latestDateTime(
      graphDateTime(REGION_SITES_CREATED),
      lists.map((list) => list.lastModifiedDateTime),
    ),
    region: input.region.name,
    drive,
    lists,
  };
}

/** The tenant's root communication site: an empty library and no custom lists. */
function generateRootSite(random: Random, company: Company, directory: Directory): SharepointSite {
  const siteCollectionId = guid(random);
  const webId = guid(random);
  const webUrl = `https://${SHAREPOINT_HOSTNAME}`;
  const frame = { siteCollectionId, webId, webUrl, createdMs: ROOT_SITE_CREATED };
  const { drive, list } = generateDocumentLibrary(
    random.fork("documents"),
    frame,
    [],
    company.people,
    directory,
  );
  return {
    id: compositeSiteId(SHAREPOINT_HOSTNAME, siteCollectionId, webId),
    hostname: SHAREPOINT_HOSTNAME,
    siteCollectionId,
    webId,
    name: "",
    displayName: "Communication site",
    description: `${company.name} intranet home.`,
    serverRelativePath: "/",
    webUrl,
    createdDateTime: graphDateTime(ROOT_SITE_CREATED),
    lastModifiedDateTime: graphDateTime(ROOT_SITE_CREATED),
    region: null,
    drive,
    lists: [list],
  };
}
