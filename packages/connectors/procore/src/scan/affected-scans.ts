/**
 * Which cached broad scans a Procore webhook delivery touches: the project's list of the
 * resource it names (the company list for company-level resources). Procore names resources
 * in its own words (`RFIs`, `Observation Items`, `Purchase Order Contracts`); those that no
 * entity set of this connection exposes touch nothing.
 */
import type { ScanSpec, UpstreamChange } from "@headgate/connector-kit";
import type { ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { PROCORE_WEBHOOK_RESOURCES } from "../webhooks/webhook-resources.ts";
import { projectScan } from "./reusable-scans.ts";

/** Procore's webhook resource names (lower case) → the entity set whose lists they change. */
const RESOURCE_SETS: ReadonlyMap<string, string> = new Map(
  Object.entries(PROCORE_WEBHOOK_RESOURCES).flatMap(([set, resources]) =>
    resources.map((resource) => [resource.toLowerCase(), set] as const),
  ),
);

export function affectedScans(
  sets: ReadonlyMap<string, ProcoreEntitySet>,
  change: UpstreamChange,
): readonly ScanSpec[] {
  const name = RESOURCE_SETS.get(change.resource.trim().toLowerCase());
  const set = name === undefined ? undefined : sets.get(name);
  if (set === undefined) return [];
  if (set.scope === "company") return [{ entitySet: set.definition.name }];
  const projectId = Number(change.projectId);
  if (!Number.isSafeInteger(projectId)) return [];
  return [projectScan(set.definition.name, projectId)];
}
