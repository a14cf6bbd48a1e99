/**
 * RFIs: questions from the field (often a subcontractor) routed by the project manager. Big jobs
 * raise many more; recent ones are still open, old ones closed.
 */
import type { Project, Vendor } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import { costCodeLabel, type ProjectCostCode } from "./cost-codes.ts";
import type { IdSequences } from "./ids.ts";
import { userRef, vendorContactRef } from "./people.ts";
import { stageOf } from "./projects.ts";
import { type ActivityWindow, createdAndUpdated, tierCount, timestamp } from "./timeline.ts";
import type { ProcoreImpact, ProcoreRfi, ProcoreUserRef, RfiStatus } from "./types.ts";
import { LOCATIONS, RFI_ELEMENTS, RFI_TOPICS } from "./vocabulary.ts";

const COUNTS = { large: [120, 400], medium: [25, 120], small: [0, 25] } as const;
const TRANSLATED: Record<RfiStatus, string> = { draft: "Draft", open: "Open", closed: "Closed" };

export function projectRfis(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  codes: readonly ProjectCostCode[],
): ProcoreRfi[] {
  const count = tierCount(random, project.tier, COUNTS, window.elapsed);
  const drafts = Array.from({ length: count }, () => rfiRecord(random, project, window, codes));
  drafts.sort((a, b) => a.created_at.localeCompare(b.created_at));
  // Ids and numbers follow creation order, as they do in Procore.
  return drafts.map((rfi, i) => {
    const id = ids.take("rfi");
    const [question] = rfi.questions;
    return {
      ...rfi,
      id,
      number: String(i + 1),
      full_number: String(i + 1),
      questions: question ? [{ ...question, id: ids.take("rfiQuestion") }] : [],
      link: `https://app.procore.com/${project.procoreId}/project/rfi/show/${id}`,
    };
  });
}

function statusOf(random: Random, project: Project, created: number): RfiStatus {
  const ageDays = (WORLD_END - created) / DAY_MS;
  if (project.status === "Closed" || ageDays > 120) return random.chance(0.98) ? "closed" : "open";
  if (ageDays < 21)
    return random.weighted<RfiStatus>([
      ["draft", 2],
      ["open", 5],
      ["closed", 1],
    ]);
  return random.weighted<RfiStatus>([
    ["draft", 0.3],
    ["open", 2],
    ["closed", 5],
  ]);
}

function impact(random: Random, kind: "cost" | "schedule"): ProcoreImpact {
  const status = random.weighted<ProcoreImpact["status"]>([
    ["no_impact", 6],
    ["tbd", 2],
    ["yes_known", 1.5],
    ["n_a", 1],
  ]);
  if (status !== "yes_known") return { status, value: null };
  return { status, value: kind === "cost" ? random.money(500, 85_000, 2) : random.int(1, 15) };
}

function rfiRecord(
  random: Random,
  project: Project,
  window: ActivityWindow,
  codes: readonly ProjectCostCode[],
): ProcoreRfi {
  const vendor: Vendor | undefined = random.chance(0.75) ? random.pick(project.vendors) : undefined;
  const code = codes.find((c) => c.division === vendor?.division) ?? random.pick(codes);
  const subject = `${random.pick(RFI_TOPICS)} ${random.pick(RFI_ELEMENTS[code.division] ?? ["framing"])} - ${random.pick(LOCATIONS)}`;
  const { created, updated } = createdAndUpdated(random, window);
  const status = statusOf(random, project, created);
  const manager = userRef(project.projectManager);
  const assignee = userRef(random.chance(0.7) ? project.projectManager : project.estimator);
  const resolved = status === "closed" ? Math.min(WORLD_END, created + random.int(2, 30) * DAY_MS) : null;
  const ballInCourt: ProcoreUserRef | null =
    status === "open" ? assignee : status === "draft" ? manager : null;
  return {
    id: 0,
    number: "",
    full_number: "",
    prefix: null,
    subject,
    status,
    translated_status: TRANSLATED[status],
    due_date:
      status === "draft" && random.chance(0.6)
        ? null
        : random.chance(0.1)
          ? null
          : isoDate(created + random.int(7, 14) * DAY_MS),
    initiated_at: status === "draft" ? null : timestamp(created),
    time_resolved: resolved === null ? null : timestamp(resolved),
    created_at: timestamp(created),
    updated_at: timestamp(Math.max(updated, resolved ?? 0)),
    private: random.chance(0.05),
    deleted_at: null,
    questions: [{ id: 0, body: `Please advise: ${subject.toLowerCase()}. See attached markup.`, errors: [] }],
    assignee,
    assignees: [{ ...assignee, locale: "en", response_required: true }],
    ball_in_court: ballInCourt,
    ball_in_courts: ballInCourt ? [ballInCourt] : [],
    rfi_manager: manager,
    received_from: vendor ? vendorContactRef(vendor) : userRef(project.superintendent),
    responsible_contractor: vendor ? { id: vendor.procoreId, name: vendor.name } : null,
    cost_code: random.chance(0.6) ? { id: code.id, name: costCodeLabel(code) } : null,
    cost_impact: impact(random, "cost"),
    schedule_impact: impact(random, "schedule"),
    location: null,
    location_id: null,
    project_stage: stageOf(project),
    reference: random.chance(0.4)
      ? `${random.pick(["A", "S", "M", "E", "P"])}-${random.int(101, 599)}`
      : null,
    created_by: userRef(random.chance(0.6) ? project.superintendent : project.projectManager),
    link: "",
    custom_fields: {},
  };
}
