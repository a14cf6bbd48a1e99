/**
 * Submittals: shop drawings, product data and samples the trades send for review, numbered
 * within their specification section.
 */
import type { Project, Vendor } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { ProjectCostCode } from "./cost-codes.ts";
import type { IdSequences } from "./ids.ts";
import { userRef, vendorContactRef } from "./people.ts";
import { type ActivityWindow, createdAndUpdated, tierCount, timestamp } from "./timeline.ts";
import type { ProcoreSpecificationSection, ProcoreSubmittal, ProcoreSubmittalStatus } from "./types.ts";
import { SUBMITTAL_STATUSES, SUBMITTAL_TYPES } from "./vocabulary.ts";

const COUNTS = { large: [100, 300], medium: [30, 100], small: [0, 30] } as const;
const TITLE_SUFFIX: Readonly<Record<string, string>> = {
  "Shop Drawing": "Shop Drawings",
  "Product Information": "Product Data",
  Sample: "Samples",
  Specification: "Specifications",
  Document: "Closeout Documents",
};

interface Section {
  readonly spec: ProcoreSpecificationSection;
  readonly code: ProjectCostCode;
  readonly vendors: readonly Vendor[];
}

/** `03-300` becomes MasterFormat's `03 30 00`. */
function sectionNumber(code: string): string {
  const digits = code.replace("-", "").padEnd(6, "0");
  return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)}`;
}

function sections(ids: IdSequences, project: Project, codes: readonly ProjectCostCode[]): Section[] {
  return codes
    .filter((code) => code.division !== "01")
    .map((code) => ({
      spec: {
        id: ids.take("specificationSection"),
        number: sectionNumber(code.code),
        description: code.name,
      },
      code,
      vendors: project.vendors.filter((v) => v.division === code.division),
    }));
}

function statusOf(random: Random, project: Project, created: number): ProcoreSubmittalStatus {
  const ageDays = (WORLD_END - created) / DAY_MS;
  if (project.status === "Closed" || ageDays > 90) return SUBMITTAL_STATUSES.closed;
  return random.weighted<ProcoreSubmittalStatus>([
    [SUBMITTAL_STATUSES.draft, ageDays < 14 ? 2 : 0.3],
    [SUBMITTAL_STATUSES.open, 3],
    [SUBMITTAL_STATUSES.closed, ageDays < 14 ? 0.5 : 3],
  ]);
}

export function projectSubmittals(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  codes: readonly ProjectCostCode[],
): ProcoreSubmittal[] {
  const available = sections(ids, project, codes);
  if (available.length === 0) return [];
  const count = tierCount(random, project.tier, COUNTS, window.elapsed);
  const drafts = Array.from({ length: count }, () =>
    submittalRecord(random, project, window, random.pick(available)),
  );
  drafts.sort((a, b) => a.created_at.localeCompare(b.created_at));
  const perSection = new Map<number, number>();
  return drafts.map((submittal) => {
    const n = (perSection.get(submittal.specification_section.id) ?? 0) + 1;
    perSection.set(submittal.specification_section.id, n);
    const compact = submittal.specification_section.number.replaceAll(" ", "");
    return {
      ...submittal,
      id: ids.take("submittal"),
      number: String(n),
      formatted_number: `${compact}-${n}`,
    };
  });
}

function submittalRecord(
  random: Random,
  project: Project,
  window: ActivityWindow,
  section: Section,
): ProcoreSubmittal {
  const vendor = section.vendors.length > 0 ? random.pick(section.vendors) : random.pick(project.vendors);
  const type = random.pick(SUBMITTAL_TYPES);
  const { created, updated } = createdAndUpdated(random, window);
  const status = statusOf(random, project, created);
  const received =
    status.status === "Draft" ? null : Math.min(WORLD_END, created + random.int(0, 10) * DAY_MS);
  const distributed =
    status.status === "Closed"
      ? Math.min(WORLD_END, (received ?? created) + random.int(5, 25) * DAY_MS)
      : null;
  const manager = userRef(project.projectManager);
  const contact = vendorContactRef(vendor);
  return {
    id: 0,
    number: "",
    formatted_number: "",
    revision: random.chance(0.15) ? "1" : "0",
    title: `${section.code.name} ${TITLE_SUFFIX[type.name] ?? type.name}`,
    description: `${type.name} for ${section.code.name.toLowerCase()} per specification section ${section.spec.number}.`,
    status,
    type,
    specification_section: section.spec,
    submittal_package: null,
    submittal_manager: manager,
    ball_in_court: status.status === "Open" ? [manager] : status.status === "Draft" ? [contact] : [],
    received_from: contact,
    responsible_contractor: { id: vendor.procoreId, name: vendor.name },
    due_date:
      received === null || random.chance(0.15) ? null : isoDate(received + random.int(10, 14) * DAY_MS),
    issue_date: isoDate(created),
    received_date: received === null ? null : isoDate(received),
    submit_by: random.chance(0.3) ? null : isoDate(created + random.int(7, 21) * DAY_MS),
    distributed_at: distributed === null ? null : timestamp(distributed),
    created_at: timestamp(created),
    updated_at: timestamp(Math.max(updated, distributed ?? 0)),
    created_by: manager,
    current_revision: true,
    private: random.chance(0.05),
    location_id: null,
    cost_code_id: random.chance(0.7) ? section.code.id : null,
    sub_job_id: null,
    drawing_ids: [],
    linked_drawing_ids: [],
    distribution_members: [manager, userRef(project.superintendent)],
    custom_fields: {},
  };
}
