/**
 * A small construction model for the specifications: Jobs (every EDM facet we render) and their
 * RFIs (a set the upstream cannot list without a job filter), joined both ways.
 */
import type {
  EntitySetDef,
  EntityTypeDef,
  PropertyCapabilities,
  PropertyDef,
  ServiceModel,
} from "../types.ts";
import { NO_PUSHDOWN } from "../types.ts";

function capabilities(overrides: Partial<PropertyCapabilities>): PropertyCapabilities {
  return { ...NO_PUSHDOWN, ...overrides };
}

export const JOB_PROPERTIES: readonly PropertyDef[] = [
  {
    name: "JobNumber",
    type: "Edm.String",
    nullable: false,
    maxLength: 20,
    description: "Job number as printed on contracts",
    capabilities: capabilities({ filter: ["eq", "in", "startswith"], sortable: true }),
  },
  {
    name: "Amount",
    type: "Edm.Decimal",
    nullable: true,
    precision: 19,
    scale: 4,
    description: "Contract amount in USD",
    capabilities: capabilities({ filter: ["eq", "gt", "lt"], sortable: true }),
  },
  {
    name: "Status",
    type: "Edm.String",
    nullable: false,
    allowedValues: ["Open", "Closed", "On Hold"],
    capabilities: capabilities({ filter: ["eq", "in"] }),
  },
  { name: "StartDate", type: "Edm.Date", nullable: true, capabilities: NO_PUSHDOWN },
  { name: "UpdatedAt", type: "Edm.DateTimeOffset", nullable: false, capabilities: NO_PUSHDOWN },
  {
    name: "Site",
    type: "Edm.GeographyPolygon",
    nullable: true,
    capabilities: capabilities({ filter: ["geo.intersects"] }),
  },
  {
    name: "Tags",
    type: "Edm.String",
    collection: true,
    nullable: false,
    capabilities: capabilities({ searchable: true }),
  },
];

export const JOB: EntityTypeDef = {
  name: "Job",
  key: ["JobNumber"],
  description: "A construction job",
  properties: JOB_PROPERTIES,
  navigation: [
    {
      name: "Rfis",
      target: "Rfis",
      collection: true,
      on: [{ local: "JobNumber", remote: "JobNumber" }],
      description: "Requests for information raised on the job",
    },
  ],
};

export const RFI: EntityTypeDef = {
  name: "Rfi",
  key: ["Id"],
  properties: [
    { name: "Id", type: "Edm.Int64", nullable: false, capabilities: capabilities({ filter: ["eq"] }) },
    {
      name: "JobNumber",
      type: "Edm.String",
      nullable: false,
      maxLength: 20,
      capabilities: capabilities({ filter: ["eq", "in"], requiredInFilter: true }),
    },
    { name: "Subject", type: "Edm.String", nullable: true, capabilities: capabilities({ searchable: true }) },
  ],
  navigation: [
    { name: "Job", target: "Jobs", collection: false, on: [{ local: "JobNumber", remote: "JobNumber" }] },
  ],
};

export const JOBS: EntitySetDef = { name: "Jobs", entityType: JOB, description: "Jobs from Sage 300 CRE" };
export const RFIS: EntitySetDef = { name: "Rfis", entityType: RFI };

export const FIXTURE_MODEL: ServiceModel = { namespace: "Headgate", entitySets: [JOBS, RFIS] };
