/**
 * The four systems describe one company: the same jobs and the same firms, as a real
 * contractor's Procore, Sage, GIS and SharePoint do.
 */
import { describe, expect, it } from "vitest";
import { generateArcgisData } from "./arcgis/index.ts";
import { generateCompany } from "./company/generate-company.ts";
import { generateProcoreData } from "./procore/index.ts";
import { computeJobTotals, generateSageMasterTables } from "./sage/index.ts";
import { generateSharepointData } from "./sharepoint/index.ts";

const company = generateCompany({ scale: 1.5 });
const jobNumbers = company.projects.map((p) => p.jobNumber).sort();

describe("one company across four systems", () => {
  it("uses the Sage job number as Procore's project_number, the ArcGIS site key and the SharePoint folder name", () => {
    const procore = generateProcoreData(company)
      .projects.map((p) => p.project_number)
      .sort();
    const sage = generateSageMasterTables(company, computeJobTotals(company))
      .JCM_MASTER__JOB.map((j) => j.Job.trim())
      .sort();
    const sites = generateArcgisData(company)
      .layers[0]!.features.map((f) => String(f.attributes.PROJECT_NUMBER))
      .sort();
    const folders = generateSharepointData(company)
      .sites.flatMap((s) =>
        s.drive.items
          .filter((i) => i.parentId !== null && i.parentPath === "" && i.folder !== undefined)
          .map((i) => i.name),
      )
      .sort();
    expect(procore).toEqual(jobNumbers);
    expect(sage).toEqual(jobNumbers);
    expect(sites).toEqual(jobNumbers);
    expect(folders).toEqual(jobNumbers);
  });

  it("names vendors identically in Procore's directory and Sage AP", () => {
    const procore = generateProcoreData(company)
      .vendors.map((v) => v.name)
      .sort();
    const sage = generateSageMasterTables(company, computeJobTotals(company))
      .APM_MASTER__VENDOR.map((v) => v.Name.trim())
      .sort();
    expect(procore).toEqual(company.vendors.map((v) => v.name).sort());
    expect(sage).toEqual(procore);
  });
});
