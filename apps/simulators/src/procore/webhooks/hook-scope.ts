/**
 * The scope a Webhooks API call names: `company_id` or `project_id`, in the query or the JSON
 * body. Procore's reference says hooks and triggers "must be listed/created/deleted within a
 * company and/or project scope"; when both are given the project is the narrower one. The
 * company must be this one (403) and the project must exist (404).
 */
import { badRequest, MESSAGES, notFound, ProcoreError } from "../http/procore-error.ts";
import type { ProcoreStore } from "../store/procore-store.ts";
import type { HookScope } from "./hook-registry.ts";

export interface ScopeSource {
  readonly company_id?: unknown;
  readonly project_id?: unknown;
}

function id(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw badRequest(`${name} must be an integer, got '${text}'`);
  return Number(text);
}

export function hookScope(store: ProcoreStore, source: ScopeSource): HookScope {
  const companyId = id(source.company_id, "company_id");
  const projectId = id(source.project_id, "project_id");
  if (companyId !== undefined && companyId !== store.company.id)
    throw new ProcoreError(403, MESSAGES.notConnected);
  if (projectId !== undefined) {
    if (!store.entry(projectId)) throw notFound();
    return { kind: "project", projectId };
  }
  if (companyId !== undefined) return { kind: "company", companyId };
  throw badRequest("You must supply either a company_id or project_id");
}
