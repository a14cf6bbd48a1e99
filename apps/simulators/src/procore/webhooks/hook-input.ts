/**
 * The `hook` object of a create or update request, checked as Procore documents it: an http(s)
 * `destination_url`, optional `destination_headers` (string values, e.g. an Authorization
 * header), a namespace of lowercase letters, digits and dashes, and a payload format
 * (`api_version`) of v2, v3 or v4 (procore/documentation `plan_your_app/webhooks.md`).
 */
import { badRequest } from "../http/procore-error.ts";

export interface HookInput {
  readonly api_version?: unknown;
  readonly namespace?: unknown;
  readonly destination_url?: unknown;
  readonly destination_headers?: unknown;
}

export interface CheckedHookInput {
  readonly api_version?: string;
  readonly namespace?: string;
  readonly destination_url?: string;
  readonly destination_headers?: Readonly<Record<string, string>>;
}

export const PAYLOAD_VERSIONS = ["v2", "v2.0", "v3", "v3.0", "v4", "v4.0"];
const NAMESPACE = /^[a-z0-9-]+$/;

/** The given fields, checked; `destination_url` is required when creating. */
export function checkHookInput(input: HookInput, creating: boolean): CheckedHookInput {
  const { api_version, namespace, destination_url, destination_headers } = input;
  const checked: Record<string, unknown> = {};
  if (destination_url !== undefined || creating) checked.destination_url = url(destination_url);
  if (namespace !== undefined) {
    if (typeof namespace !== "string" || !NAMESPACE.test(namespace))
      throw badRequest("hook[namespace] may only hold lowercase letters, digits and dashes");
    checked.namespace = namespace;
  }
  if (api_version !== undefined) {
    if (typeof api_version !== "string" || !PAYLOAD_VERSIONS.includes(api_version))
      throw badRequest(`hook[api_version] must be one of ${PAYLOAD_VERSIONS.join(", ")}`);
    checked.api_version = api_version;
  }
  if (destination_headers !== undefined) checked.destination_headers = headers(destination_headers);
  return checked as CheckedHookInput;
}

function url(value: unknown): string {
  if (typeof value !== "string" || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw badRequest("hook[destination_url] must be an http or https URL");
  return value;
}

function headers(value: unknown): Record<string, string> {
  if (value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw badRequest("hook[destination_headers] must be an object of header names and values");
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v !== "string"))
    throw badRequest("hook[destination_headers] values must be strings");
  return Object.fromEntries(entries) as Record<string, string>;
}
