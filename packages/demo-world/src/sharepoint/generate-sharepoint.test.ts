import { describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import { isoDate, WORLD_END } from "../dates.ts";
import { DOCUMENT_TYPES, SEVERITIES } from "./columns.ts";
import { generateSharepointData } from "./generate-sharepoint.ts";
import { graphDateOnly } from "./graph-time.ts";
import type { SharepointList, SharepointSite } from "./types.ts";

const company = generateCompany();
const data = generateSharepointData(company);

const listOf = (site: SharepointSite, title: string): SharepointList =>
  site.lists.find((list) => list.displayName === title)!;
const projectsOf = (site: SharepointSite) => company.projects.filter((p) => p.region === site.region);
const GRAPH_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const END = new Date(WORLD_END).toISOString().slice(0, 19);

describe("the company's SharePoint tenant", () => {
  it("is the same for the same company and differs for another seed", () => {
    expect(generateSharepointData(generateCompany())).toEqual(data);
    const other = generateSharepointData(generateCompany({ seed: 99 }));
    expect(other.sites[0]!.id).not.toBe(data.sites[0]!.id);
  });

  it("has a site per region, named after the region's site, with Graph composite ids", () => {
    expect(data.sites.map((site) => site.name)).toEqual(company.regions.map((region) => region.siteName));
    const guid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    for (const site of [data.rootSite, ...data.sites]) {
      expect(site.id).toMatch(new RegExp(`^cascaderidge\\.sharepoint\\.com,${guid},${guid}$`));
      expect(site.id).toBe(`${site.hostname},${site.siteCollectionId},${site.webId}`);
    }
    expect(new Set(data.sites.map((site) => site.id)).size).toBe(data.sites.length);
    expect(data.sites[0]!.webUrl).toBe("https://cascaderidge.sharepoint.com/sites/north-ops");
  });

  it("keeps a folder per project of the region at the library root, named by job number", () => {
    for (const site of data.sites) {
      const folders = site.drive.items.filter((item) => item.parentPath === "" && item.parentId !== null);
      expect(folders.map((f) => f.name).sort()).toEqual(
        projectsOf(site)
          .map((p) => p.jobNumber)
          .sort(),
      );
      for (const folder of folders) {
        const files = site.drive.items.filter((item) => item.parentId === folder.id);
        expect(folder.folder?.childCount).toBe(files.length);
        expect(folder.size).toBe(files.reduce((sum, f) => sum + f.size, 0));
        expect(files.map((f) => f.name)).toContain(`${folder.name} Drawing Log.xlsx`);
        expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
      }
    }
  });

  it("dates every file within its project, authored by the company's people", () => {
    const names = new Set(company.people.map((p) => p.name));
    for (const site of data.sites) {
      for (const project of projectsOf(site)) {
        const files = site.drive.items.filter((item) => item.parentPath === `/${project.jobNumber}`);
        const start = new Date(project.startDate).toISOString().slice(0, 19);
        const end = new Date(Math.min(project.completionDate, WORLD_END)).toISOString().slice(0, 19);
        for (const file of files) {
          expect(file.createdDateTime).toMatch(GRAPH_DATE_TIME);
          expect(file.createdDateTime.slice(0, 19) >= start).toBe(true);
          expect(file.lastModifiedDateTime.slice(0, 19) <= end).toBe(true);
          expect(file.lastModifiedDateTime >= file.createdDateTime).toBe(true);
          expect(names.has(file.createdBy.displayName)).toBe(true);
          expect(file.size).toBeGreaterThan(0);
        }
      }
    }
  });

  it("names files the way project teams do, with matching types and metadata", () => {
    const files = data.sites.flatMap((site) => site.drive.items.filter((item) => item.file));
    const names = files.map((f) => f.name);
    expect(names.some((name) => /^Submittal \d{2} \d{2} \d{2}-\d{2}\.pdf$/.test(name))).toBe(true);
    expect(names.some((name) => /^RFI-\d{3} .+\.pdf$/.test(name))).toBe(true);
    expect(names.some((name) => /^[ASMEPC]-1\d{2} .+ Rev \d+\.pdf$/.test(name))).toBe(true);
    for (const file of files) {
      if (file.name.endsWith(".pdf")) expect(file.file?.mimeType).toBe("application/pdf");
      if (file.name.endsWith(".jpg")) expect(file.file?.mimeType).toBe("image/jpeg");
    }
    const library = listOf(data.sites[0]!, "Documents");
    const documentTypes = library.items.map((item) => item.fields.DocumentType).filter((t) => t !== null);
    for (const type of documentTypes) expect(DOCUMENT_TYPES).toContain(type);
    expect(
      library.items.some((item) => item.fields.Discipline === null && item.contentType === "Document"),
    ).toBe(true);
  });

  it("pairs every library list item with its driveItem, ids numbered in creation order", () => {
    for (const site of data.sites) {
      const library = listOf(site, "Documents");
      const byId = new Map(site.drive.items.map((item) => [item.id, item]));
      expect(library.items.map((item) => item.id)).toEqual(library.items.map((_, i) => String(i + 1)));
      for (const listItem of library.items) {
        const driveItem = byId.get(listItem.driveItemId!)!;
        expect(driveItem.listItemId).toBe(listItem.id);
        expect(listItem.fields.FileLeafRef).toBe(driveItem.name);
        expect(listItem.uniqueId).toBe(driveItem.uniqueId);
      }
      const created = library.items.map((item) => item.createdDateTime);
      expect(created).toEqual([...created].sort());
    }
  });
});

describe("the Project Directory list", () => {
  it("has one item per project of the region, matching the company", () => {
    for (const site of data.sites) {
      const items = listOf(site, "Project Directory").items;
      const byJob = new Map(items.map((item) => [item.fields.JobNumber, item.fields]));
      expect([...byJob.keys()].sort()).toEqual(
        projectsOf(site)
          .map((p) => p.jobNumber)
          .sort(),
      );
      for (const project of projectsOf(site)) {
        expect(byJob.get(project.jobNumber)).toMatchObject({
          Title: project.name,
          ProjectManager: project.projectManager.name,
          Status: project.status,
          ContractValue: project.contractAmount,
          StartDate: graphDateOnly(project.startDate),
          Customer: project.customer.name,
        });
        expect(byJob.get(project.jobNumber)?.StartDate).toMatch(
          new RegExp(`^${isoDate(project.startDate)}T0[78]:00:00Z$`),
        );
      }
    }
  });
});

describe("the Safety Incidents list", () => {
  const all = data.sites.flatMap((site) =>
    listOf(site, "Safety Incidents").items.map((item) => ({ site, fields: item.fields, item })),
  );

  it("logs incidents on the region's own jobs, while the job was running", () => {
    expect(all.length).toBeGreaterThan(40);
    for (const { site, fields, item } of all) {
      const project = projectsOf(site).find((p) => p.jobNumber === fields.JobNumber);
      expect(project).toBeDefined();
      const occurred = Date.parse(String(fields.IncidentDate));
      expect(occurred).toBeGreaterThanOrEqual(project!.startDate);
      expect(occurred).toBeLessThanOrEqual(Math.min(project!.completionDate, WORLD_END));
      expect(item.createdDateTime.slice(0, 19) <= END).toBe(true);
      expect(typeof fields.Closed).toBe("boolean");
    }
  });

  it("is skewed toward minor incidents, with some columns left empty", () => {
    const count = (severity: string) => all.filter(({ fields }) => fields.Severity === severity).length;
    for (const { fields } of all) expect(SEVERITIES).toContain(fields.Severity);
    expect(count("Low")).toBeGreaterThan(count("High"));
    expect(count("High")).toBeGreaterThan(count("Critical"));
    expect(all.some(({ fields }) => fields.Description === null)).toBe(true);
    expect(all.some(({ fields }) => fields.ReportedBy === null)).toBe(true);
    expect(all.some(({ fields }) => fields.Closed === false)).toBe(true);
  });
});

describe("date-only columns", () => {
  it("hold Pacific midnight in UTC, switching with daylight saving time", () => {
    expect(graphDateOnly(Date.UTC(2024, 0, 15, 13))).toBe("2024-01-15T08:00:00Z");
    expect(graphDateOnly(Date.UTC(2024, 6, 4))).toBe("2024-07-04T07:00:00Z");
    expect(graphDateOnly(Date.UTC(2024, 2, 10))).toBe("2024-03-10T08:00:00Z");
    expect(graphDateOnly(Date.UTC(2024, 2, 11))).toBe("2024-03-11T07:00:00Z");
    expect(graphDateOnly(Date.UTC(2024, 10, 3))).toBe("2024-11-03T07:00:00Z");
    expect(graphDateOnly(Date.UTC(2024, 10, 4))).toBe("2024-11-04T08:00:00Z");
  });
});
