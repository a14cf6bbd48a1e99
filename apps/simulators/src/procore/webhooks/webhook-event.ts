/**
 * A webhook event and the JSON body each payload format gives it, per procore/documentation
 * `plan_your_app/webhooks.md` ("Webhook Event Payload"): v2.0, the legacy format most hooks use
 * (integer ids, `event_type`, `resource_name`, `metadata`, a 26-character `ulid`); v3.0, the same
 * with `related_resources` (empty for the resources the simulator changes); v4.0, string ids,
 * `reason` for the event type and `resource_type` for the resource name. A hook's `api_version`
 * picks the format ("v2" means v2.0). The change's user is the company admin, acting in Procore's
 * web app, so `source_application_id` is null. An event about a project (resource "Projects")
 * names that project as its `project_id` [inf: the docs show no Projects event].
 */
import { randomBytes } from "node:crypto";
import type { ChangeType, RecordChange } from "../store/procore-store.ts";

export interface WebhookEvent {
  readonly id: number;
  readonly ulid: string;
  /** ISO time the change happened, by the simulator's clock. */
  readonly timestamp: string;
  readonly userId: number;
  readonly companyId: number;
  readonly projectId: number;
  readonly eventType: ChangeType;
  readonly resourceName: string;
  readonly resourceId: number;
}

export type WebhookPayload = Readonly<Record<string, unknown>>;

export function webhookEvent(
  id: number,
  change: RecordChange,
  who: { readonly userId: number; readonly companyId: number },
): WebhookEvent {
  return {
    id,
    ulid: ulid(change.at),
    timestamp: new Date(change.at).toISOString(),
    userId: who.userId,
    companyId: who.companyId,
    projectId: change.projectId,
    eventType: change.eventType,
    resourceName: change.resourceName,
    resourceId: change.resourceId,
  };
}

export function webhookPayload(event: WebhookEvent, apiVersion: string): WebhookPayload {
  const format = apiVersion.startsWith("v4") ? "v4.0" : apiVersion.startsWith("v3") ? "v3.0" : "v2.0";
  if (format === "v4.0") {
    return {
      id: event.ulid,
      timestamp: event.timestamp,
      reason: event.eventType,
      company_id: String(event.companyId),
      project_id: String(event.projectId),
      user_id: String(event.userId),
      resource_type: event.resourceName,
      resource_id: String(event.resourceId),
    };
  }
  const legacy = {
    id: event.id,
    ulid: event.ulid,
    timestamp: event.timestamp,
    metadata: {
      source_user_id: event.userId,
      source_project_id: event.projectId,
      source_operation_id: null,
      source_company_id: event.companyId,
      source_application_id: null,
    },
    user_id: event.userId,
    company_id: event.companyId,
    project_id: event.projectId,
    api_version: format,
    event_type: event.eventType,
    resource_name: event.resourceName,
    resource_id: event.resourceId,
  };
  return format === "v3.0" ? { ...legacy, related_resources: [] } : legacy;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (github.com/ulid/spec): 10 characters of milliseconds, 16 of randomness. */
export function ulid(at: number): string {
  let time = "";
  let rest = Math.max(0, Math.floor(at));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join("");
  return time + random;
}
