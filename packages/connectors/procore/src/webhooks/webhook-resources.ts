/**
 * Which Procore webhook resources announce changes to each entity set of a Procore connection,
 * in Procore's own names (the `resource_name` of triggers and events), and which event types
 * Procore offers for each.
 *
 * The names are the ones a Procore sandbox lists for these tools ([obs] a company's
 * "webhooks resources" listing; procore/documentation `webhooks/webhooks_api.md` points to
 * Procore's downloadable resource list). The same listing offers no delete event for Projects
 * and Company Vendors, and Procore refuses a trigger it does not offer, so those two get create
 * and update triggers only: a deleted project or vendor leaves the cache when its TTL ends.
 * Budget rows are the budget view's detail rows, which more than budget line items change
 * (commitments, direct costs); those other changes are bounded by the TTL too.
 */

export type ProcoreEventType = "create" | "update" | "delete";

export const ALL_EVENT_TYPES: readonly ProcoreEventType[] = ["create", "update", "delete"];

/** Entity set (the connector's own name) → the webhook resources whose changes touch it. */
export const PROCORE_WEBHOOK_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  Projects: ["Projects"],
  RFIs: ["RFIs"],
  Submittals: ["Submittals"],
  Observations: ["Observation Items"],
  Vendors: ["Company Vendors"],
  BudgetRows: ["Budget Line Items"],
  Commitments: ["Purchase Order Contracts", "Work Order Contracts"],
  ChangeOrderPackages: ["Change Order Packages"],
  DailyLogHeaders: ["Daily Logs"],
};

/** Resources for which Procore offers fewer than all three event types. */
const LIMITED_EVENTS: Readonly<Record<string, readonly ProcoreEventType[]>> = {
  projects: ["create", "update"],
  "company vendors": ["create", "update"],
};

/** The event types to subscribe to for a resource (all three unless Procore offers fewer). */
export function eventTypesOf(resource: string): readonly ProcoreEventType[] {
  return LIMITED_EVENTS[resource.trim().toLowerCase()] ?? ALL_EVENT_TYPES;
}

/** The webhook resources of the given entity sets, each once, in a stable order. */
export function webhookResourcesOf(entitySets: Iterable<string>): readonly string[] {
  const resources = new Set<string>();
  for (const name of entitySets)
    for (const resource of PROCORE_WEBHOOK_RESOURCES[name] ?? []) resources.add(resource);
  return [...resources];
}

/** Whether a resource named in a delivery touches any entity set of a Procore connection. */
export function isKnownWebhookResource(resource: string): boolean {
  const wanted = resource.trim().toLowerCase();
  return Object.values(PROCORE_WEBHOOK_RESOURCES).some((names) =>
    names.some((name) => name.toLowerCase() === wanted),
  );
}
