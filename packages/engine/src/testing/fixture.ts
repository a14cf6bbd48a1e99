/**
 * Test fixture: a small jobs/RFIs model and rows, served by memory connectors whose pushdown
 * can be switched between everything and nothing.
 */
import { randomBytes } from "node:crypto";
import type { ConnectorCapabilities } from "@headgate/connector-kit";
import { ALL_CAPABILITIES, NO_CAPABILITIES } from "@headgate/connector-kit";
import type { EntitySetDef, PropertyCapabilities, PropertyDef, Row } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";
import { Catalog } from "../catalog/catalog.ts";
import { Engine } from "../engine.ts";
import { createMemoryConnector } from "../memory/memory-connector.ts";

const DECLARED: PropertyCapabilities = {
  filter: ["eq", "ne", "gt", "ge", "lt", "le", "in"],
  sortable: true,
  requiredInFilter: false,
  searchable: false,
};
const NONE: PropertyCapabilities = {
  filter: [],
  sortable: false,
  requiredInFilter: false,
  searchable: false,
};

const p = (name: string, type: PropertyDef["type"], extra: Partial<PropertyDef> = {}): PropertyDef => ({
  name,
  type,
  nullable: true,
  capabilities: DECLARED,
  ...extra,
});

export const JOBS: EntitySetDef = {
  name: "Jobs",
  entityType: {
    name: "Job",
    key: ["JobNumber"],
    properties: [
      p("JobNumber", "Edm.String", { nullable: false }),
      p("Name", "Edm.String", {
        capabilities: { ...DECLARED, filter: ["eq", "contains"], searchable: true },
      }),
      p("Status", "Edm.String", { allowedValues: ["In Progress", "Closed", "Bid"] }),
      p("Amount", "Edm.Decimal"),
      p("Cost", "Edm.Decimal", { capabilities: NONE }),
      p("StartDate", "Edm.Date"),
      p("UpdatedAt", "Edm.DateTimeOffset"),
      p("Units", "Edm.Int32"),
      p("Tags", "Edm.String", { collection: true, capabilities: NONE }),
    ],
    navigation: [
      { name: "Rfis", target: "Rfis", collection: true, on: [{ local: "JobNumber", remote: "JobNumber" }] },
    ],
  },
};

export const RFIS: EntitySetDef = {
  name: "Rfis",
  entityType: {
    name: "Rfi",
    key: ["Id"],
    properties: [
      p("Id", "Edm.Int64", { nullable: false }),
      p("JobNumber", "Edm.String"),
      p("Subject", "Edm.String", { capabilities: { ...NONE, searchable: true } }),
      p("Status", "Edm.String"),
    ],
    navigation: [
      { name: "Job", target: "Jobs", collection: false, on: [{ local: "JobNumber", remote: "JobNumber" }] },
    ],
  },
};

export const PROJECTS_NEEDING_FILTER: EntitySetDef = {
  name: "Submittals",
  entityType: {
    name: "Submittal",
    key: ["Id"],
    properties: [
      p("Id", "Edm.Int64", { nullable: false }),
      p("ProjectId", "Edm.Int64", { capabilities: { ...DECLARED, requiredInFilter: true } }),
      p("Title", "Edm.String"),
    ],
    navigation: [],
  },
};

const STATUSES = ["In Progress", "Closed", "Bid"];

export function jobRows(count = 30): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    JobNumber: `23-${String(100 + i)}`,
    Name: i % 4 === 0 ? `O'Neil Pump Station ${i}` : `Clinic ${i}`,
    Status: STATUSES[i % 3]!,
    Amount: i % 7 === 0 ? null : (i * 1234.5) % 10_000,
    Cost: (i * 777.25) % 9_000,
    StartDate: `2024-0${1 + (i % 9)}-1${i % 10}`,
    UpdatedAt: new Date(Date.UTC(2024, i % 12, 1 + (i % 27), i % 24)).toISOString(),
    Units: i % 5,
    Tags: i % 2 === 0 ? ["hospital", "union"] : ["school"],
  }));
}

export function rfiRows(jobs: readonly Row[]): Row[] {
  return Array.from({ length: 90 }, (_, i) => ({
    Id: i + 1,
    JobNumber: jobs[(i * 7) % jobs.length]!.JobNumber,
    Subject: `Question ${i} about ${i % 2 === 0 ? "rebar" : "pump"}`,
    Status: i % 3 === 0 ? "open" : "closed",
  }));
}

export interface FixtureOptions {
  readonly capabilities?: ConnectorCapabilities;
  readonly propertyPushdown?: "declared" | "all" | "none";
  readonly maxPageSize?: number;
  readonly pageSize?: number;
  readonly secret?: Uint8Array;
}

export async function fixtureEngine(options: FixtureOptions = {}): Promise<Engine> {
  const jobs = jobRows();
  const connector = createMemoryConnector({
    entitySets: [
      { definition: JOBS, rows: jobs },
      { definition: RFIS, rows: rfiRows(jobs) },
      { definition: PROJECTS_NEEDING_FILTER, rows: [{ Id: 1, ProjectId: 7, Title: "Shop drawings" }] },
    ],
    capabilities: options.capabilities ?? ALL_CAPABILITIES,
    propertyPushdown: options.propertyPushdown ?? "declared",
    pageSize: options.pageSize ?? 7,
  });
  return new Engine({
    catalog: await Catalog.build([{ name: "fixture", connector }]),
    skipTokenSecret: options.secret ?? randomBytes(32),
    ...(options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize }),
  });
}

export const everythingPushed = () =>
  fixtureEngine({ capabilities: ALL_CAPABILITIES, propertyPushdown: "all" });
export const nothingPushed = () => fixtureEngine({ capabilities: NO_CAPABILITIES, propertyPushdown: "none" });

/** Parses a query string; tests write queries as a client would. */
export const q = (text: string) => parseQueryOptions(text);

export { readAllPages } from "./read-all-pages.ts";
