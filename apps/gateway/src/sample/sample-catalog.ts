/**
 * A small, deterministic construction dataset served by the in-memory connector, so `pnpm start`
 * answers real queries before the demo world and the upstream simulators exist (issue 3). It is
 * generated from a fixed seed: same rows on every machine.
 */

import type { Connector } from "@headgate/connector-kit";
import { Catalog, createMemoryConnector } from "@headgate/engine";
import type { EntitySetDef, PropertyCapabilities, PropertyDef, Row } from "@headgate/model";

const PUSHED: PropertyCapabilities = {
  filter: ["eq", "ne", "gt", "ge", "lt", "le", "in", "contains", "startswith"],
  sortable: true,
  requiredInFilter: false,
  searchable: false,
};
const LOCAL: PropertyCapabilities = {
  filter: [],
  sortable: false,
  requiredInFilter: false,
  searchable: false,
};

function prop(
  name: string,
  type: PropertyDef["type"],
  description: string,
  extra: Partial<PropertyDef> = {},
): PropertyDef {
  return { name, type, nullable: true, description, capabilities: PUSHED, ...extra };
}

const JOB_STATUSES = ["In Progress", "Closed", "Bid", "On Hold"] as const;
const RFI_STATUSES = ["draft", "open", "closed"] as const;

export const JOBS: EntitySetDef = {
  name: "Jobs",
  description:
    "Construction jobs from the job-cost system: one row per job, with contract value and cost to date.",
  entityType: {
    name: "Job",
    key: ["JobNumber"],
    description: "A construction job.",
    properties: [
      prop("JobNumber", "Edm.String", "The job number, e.g. '23-104' (year-sequence).", { nullable: false }),
      prop("Name", "Edm.String", "The job's name.", { capabilities: { ...PUSHED, searchable: true } }),
      prop("Status", "Edm.String", "Job status.", { allowedValues: JOB_STATUSES }),
      prop("ContractAmount", "Edm.Decimal", "Contract value in US dollars.", { precision: 14, scale: 2 }),
      prop("CostToDate", "Edm.Decimal", "Job cost posted so far, in US dollars.", {
        precision: 14,
        scale: 2,
        capabilities: LOCAL,
      }),
      prop("StartDate", "Edm.Date", "When work started."),
      prop("Region", "Edm.String", "Operating region: North, South, East or West.", {
        capabilities: { ...PUSHED, searchable: true },
      }),
    ],
    navigation: [
      {
        name: "Rfis",
        target: "Rfis",
        collection: true,
        on: [{ local: "JobNumber", remote: "JobNumber" }],
        description: "The job's RFIs.",
      },
    ],
  },
};

export const RFIS: EntitySetDef = {
  name: "Rfis",
  description: "Requests for information raised on jobs.",
  entityType: {
    name: "Rfi",
    key: ["Id"],
    properties: [
      prop("Id", "Edm.Int64", "RFI id.", { nullable: false }),
      prop("JobNumber", "Edm.String", "The job the RFI belongs to."),
      prop("Subject", "Edm.String", "What is asked.", { capabilities: { ...LOCAL, searchable: true } }),
      prop("Status", "Edm.String", "RFI status.", { allowedValues: RFI_STATUSES }),
      prop("CreatedAt", "Edm.DateTimeOffset", "When the RFI was created (UTC)."),
      prop("DueDate", "Edm.Date", "When an answer is due; null when none was set."),
    ],
    navigation: [
      { name: "Job", target: "Jobs", collection: false, on: [{ local: "JobNumber", remote: "JobNumber" }] },
    ],
  },
};

/** mulberry32: a tiny seeded generator, so the sample is identical everywhere. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  "Rebar spacing at grid C",
  "Pump pad elevation",
  "Door hardware schedule",
  "Roof drain sizing",
  "Fire damper access",
  "Slab embed conflict",
];
const NAMES = [
  "Riverside Clinic",
  "Harbor Lofts",
  "Elm Street School",
  "North Depot",
  "Cedar Library",
  "Summit Offices",
  "Mill Creek Bridge",
  "Lakeview Fire Station",
];
const REGIONS = ["North", "South", "East", "West"];

export function sampleRows(): { jobs: Row[]; rfis: Row[] } {
  const next = random(20240131);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const jobs: Row[] = Array.from({ length: 40 }, (_, i) => {
    const contract = Math.round((50_000 + next() ** 3 * 12_000_000) * 100) / 100;
    return {
      JobNumber: `${22 + (i % 3)}-${String(101 + i).padStart(3, "0")}`,
      Name: `${pick(NAMES)} ${i + 1}`,
      Status: pick(JOB_STATUSES),
      ContractAmount: contract,
      CostToDate: Math.round(contract * (0.2 + next() * 1.0) * 100) / 100,
      StartDate: new Date(Date.UTC(2022 + (i % 3), Math.floor(next() * 12), 1 + Math.floor(next() * 28)))
        .toISOString()
        .slice(0, 10),
      Region: pick(REGIONS),
    };
  });
  const rfis: Row[] = Array.from({ length: 200 }, (_, i) => {
    const created = Date.UTC(2023, 0, 1) + Math.floor(next() * 3 * 365 * 86_400_000);
    return {
      Id: 1000 + i,
      JobNumber: pick(jobs).JobNumber,
      Subject: pick(SUBJECTS),
      Status: pick(RFI_STATUSES),
      CreatedAt: new Date(created).toISOString(),
      DueDate: next() < 0.2 ? null : new Date(created + 14 * 86_400_000).toISOString().slice(0, 10),
    };
  });
  return { jobs, rfis };
}

/** The sample as a connector: the `memory` connection kind with `dataset: sample`. */
export function sampleConnector(): Connector {
  const { jobs, rfis } = sampleRows();
  return createMemoryConnector({
    entitySets: [
      { definition: JOBS, rows: jobs },
      { definition: RFIS, rows: rfis },
    ],
  });
}

export async function sampleCatalog(): Promise<Catalog> {
  return Catalog.build([{ name: "sample", connector: sampleConnector() }]);
}
