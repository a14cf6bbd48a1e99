/**
 * The "Project Directory" list: one item per project of the site's region, kept by the project
 * managers. Jobs not yet started often have no superintendent or completion date filled in.
 */
import type { Project } from "../company/types.ts";
import { DAY_MS } from "../dates.ts";
import type { Random } from "../random.ts";
import { projectDirectoryColumns } from "./columns.ts";
import { graphDateOnly, graphDateTime } from "./graph-time.ts";
import { guid } from "./ids.ts";
import { type ItemDraft, type ListContext, latestModified, listWebUrl, numberItems } from "./list-items.ts";
import type { SharepointList } from "./types.ts";

export function generateProjectDirectory(
  random: Random,
  context: ListContext,
  projects: readonly Project[],
): SharepointList {
  const id = guid(random.fork("ids"));
  const drafts = projects.map((project) => directoryItem(random.fork(project.jobNumber), project, context));
  const items = numberItems(random.fork("items"), drafts, context.siteCreatedMs);
  const created = graphDateTime(context.siteCreatedMs);
  return {
    id,
    name: "ProjectDirectory",
    displayName: "Project Directory",
    description: "Every job of the region: number, manager, status and contract value.",
    template: "genericList",
    webUrl: listWebUrl(context.siteUrl, "ProjectDirectory"),
    createdDateTime: created,
    lastModifiedDateTime: latestModified(items, created),
    createdBy: context.owner,
    columns: projectDirectoryColumns(random.fork("columns")),
    items,
  };
}

function directoryItem(random: Random, project: Project, context: ListContext): ItemDraft {
  const notStarted = project.status === "Unstarted" || project.status === "Pending";
  const created = project.startDate - random.int(3, 30) * DAY_MS;
  const lastEdit =
    project.status === "Closed" ? project.completionDate : project.startDate + random.int(0, 90) * DAY_MS;
  const manager = context.directory.of(project.projectManager);
  return {
    created,
    modified: lastEdit,
    createdBy: manager,
    lastModifiedBy: manager,
    fields: {
      Title: project.name,
      JobNumber: project.jobNumber,
      ProjectType: project.type,
      Status: project.status,
      ProjectManager: project.projectManager.name,
      Superintendent: notStarted && random.chance(0.6) ? null : project.superintendent.name,
      Customer: project.customer.name,
      City: project.address.city,
      StartDate: graphDateOnly(project.startDate),
      CompletionDate: notStarted && random.chance(0.5) ? null : graphDateOnly(project.completionDate),
      ContractValue: project.contractAmount,
    },
  };
}
