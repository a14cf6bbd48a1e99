/**
 * Reads the body of a Procore webhook delivery as an upstream change, in each payload format
 * procore/documentation `plan_your_app/webhooks.md` describes:
 *
 *   v2.0 (legacy, the default)  integer ids, `event_type`, `resource_name`, `api_version: "v2.0"`
 *   v3.0                        the same with `related_resources`
 *   v4.0                        string ids, `reason` for the event type, `resource_type` for the resource
 *
 * Anything else is refused with a reason a person can act on; nothing is guessed, since a
 * misread delivery would forget the wrong cached scans (or none) without anyone noticing.
 */
import type { UpstreamChange } from "@headgate/connector-kit";
import { ALL_EVENT_TYPES, type ProcoreEventType } from "./webhook-resources.ts";

/** Why a body is not a delivery Headgate can read. */
export interface ProblemDescription {
  readonly problem: string;
}

export type ProcorePayloadFormat = "v2.0" | "v3.0" | "v4.0";

/** A delivery read: the change, plus what identifies the event in logs. */
export interface ProcoreChange extends UpstreamChange {
  readonly format: ProcorePayloadFormat;
  /** The event's id (v2.0/v3.0: the integer id; v4.0: its ULID); duplicates repeat it. */
  readonly eventId?: string;
  readonly companyId?: string | number;
}

type Fields = Readonly<Record<string, unknown>>;

const LEGACY_FORMATS: Readonly<Record<string, ProcorePayloadFormat>> = {
  v2: "v2.0",
  "v2.0": "v2.0",
  v3: "v3.0",
  "v3.0": "v3.0",
};

export function parseProcoreDelivery(body: unknown): ProcoreChange | ProblemDescription {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return problem(`a Procore webhook delivery is a JSON object; this body is ${describe(body)}`);
  const fields = body as Fields;
  if ("reason" in fields || "resource_type" in fields) return readModern(fields);
  if ("event_type" in fields || "resource_name" in fields) return readLegacy(fields);
  return problem(
    "the body is not a Procore webhook delivery: it has neither event_type and resource_name (payload formats v2.0, v3.0) nor reason and resource_type (v4.0)",
  );
}

export function isDeliveryProblem(parsed: ProcoreChange | ProblemDescription): parsed is ProblemDescription {
  return "problem" in parsed;
}

function readLegacy(fields: Fields): ProcoreChange | ProblemDescription {
  const version = fields.api_version;
  const format =
    version === undefined ? "v2.0" : typeof version === "string" ? LEGACY_FORMATS[version] : undefined;
  if (format === undefined)
    return problem(
      `api_version ${describe(version)} is not a payload format Headgate reads with event_type and resource_name (v2.0, v3.0); v4.0 uses reason and resource_type`,
    );
  return readChange(fields, format, { event: "event_type", resource: "resource_name" });
}

function readModern(fields: Fields): ProcoreChange | ProblemDescription {
  return readChange(fields, "v4.0", { event: "reason", resource: "resource_type" });
}

function readChange(
  fields: Fields,
  format: ProcorePayloadFormat,
  names: { readonly event: string; readonly resource: string },
): ProcoreChange | ProblemDescription {
  const resource = fields[names.resource];
  if (typeof resource !== "string" || resource.trim() === "")
    return problem(
      `${names.resource} must name the Procore resource that changed (payload ${format}); found ${describe(resource)}`,
    );
  const event =
    typeof fields[names.event] === "string" ? (fields[names.event] as string).toLowerCase() : undefined;
  if (!ALL_EVENT_TYPES.includes(event as ProcoreEventType))
    return problem(
      `${names.event} must be create, update or delete (payload ${format}); found ${describe(fields[names.event])}`,
    );
  const ids = readIds(fields);
  if ("problem" in ids) return ids;
  const eventId = format === "v4.0" ? fields.id : (fields.ulid ?? fields.id);
  return {
    resource: resource.trim(),
    event: event as ProcoreEventType,
    format,
    ...ids,
    ...(typeof eventId === "string" || typeof eventId === "number" ? { eventId: String(eventId) } : {}),
  };
}

const ID_FIELDS = [
  ["resource_id", "id"],
  ["project_id", "projectId"],
  ["company_id", "companyId"],
] as const;

type Ids = Partial<Record<(typeof ID_FIELDS)[number][1], string | number>>;

/**
 * The ids as Procore sends them: integers (v2.0/v3.0) or strings of digits (v4.0); null or
 * absent is none (a company-level resource has no project).
 */
function readIds(fields: Fields): Ids | ProblemDescription {
  const ids: Ids = {};
  for (const [field, name] of ID_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if ((typeof value === "number" && Number.isSafeInteger(value) && value >= 0) || isDigits(value))
      ids[name] = value;
    else
      return problem(
        `${field} must be a Procore id (an integer or a string of digits); found ${describe(value)}`,
      );
  }
  return ids;
}

function isDigits(value: unknown): value is string {
  return typeof value === "string" && /^\d{1,20}$/.test(value);
}

function problem(text: string): ProblemDescription {
  return { problem: text };
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
