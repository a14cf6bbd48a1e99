/**
 * Registers the gateway's webhook receiver with Procore's Webhooks API
 * (procore/documentation `webhooks/webhooks_api.md`): one company hook in our own namespace,
 * pointing at the destination with its headers, and a trigger per resource and event type.
 *
 * Registering again converges instead of adding: the namespace's hooks for the same destination
 * URL are looked up first; the first is updated (new headers, e.g. a new token) and any others
 * (left by an interrupted earlier attempt) are deleted; triggers missing are created and
 * triggers no longer wanted are deleted. A company hook hears every project of the company.
 */
import type {
  ChangeDestination,
  ChangeSubscription,
  HttpClient,
  JsonWrite,
  RequestContext,
} from "@headgate/connector-kit";
import { UpstreamError } from "@headgate/connector-kit";
import { eventTypesOf } from "./webhook-resources.ts";

const HOOKS = "/rest/v1.0/webhooks/hooks";

/** Procore namespaces hold lowercase letters and dashes; the one Headgate's hooks live in. */
export const HEADGATE_HOOK_NAMESPACE = "headgate";

/** The payload format asked for (Procore's default and the legacy one every integration reads). */
const PAYLOAD_FORMAT = "v2";

export interface SubscribeProcoreChangesOptions {
  readonly companyId: number;
  readonly destination: ChangeDestination;
  /** Procore's webhook resource names (e.g. `RFIs`, `Observation Items`). */
  readonly resources: readonly string[];
  /** Default `headgate`. */
  readonly namespace?: string;
  /** Bounds the whole registration (default: 2 minutes from now, never aborted). */
  readonly context?: Pick<RequestContext, "signal" | "deadline">;
}

interface ProcoreHook {
  readonly id: number;
  readonly destination_url: string;
  readonly owned_by_project_id?: number | null;
}

interface ProcoreTrigger {
  readonly id: number;
  readonly resource_name: string;
  readonly event_type: string;
}

export async function subscribeProcoreChanges(
  client: HttpClient,
  options: SubscribeProcoreChangesOptions,
): Promise<ChangeSubscription> {
  const resources = [...new Set(options.resources.map((r) => r.trim()).filter((r) => r !== ""))];
  const api = procoreHooksApi(client, options);
  const hook = await api.upsertHook();
  await api.syncTriggers(hook, resources);
  return { id: String(hook.id), resources };
}

function procoreHooksApi(client: HttpClient, options: SubscribeProcoreChangesOptions) {
  const { companyId, destination } = options;
  const namespace = options.namespace ?? HEADGATE_HOOK_NAMESPACE;
  const ctx: RequestContext = options.context ?? {
    signal: new AbortController().signal,
    deadline: Date.now() + 120_000,
  };
  const scope: [string, string] = ["company_id", String(companyId)];
  const read = async (path: string, query: [string, string][] = []) =>
    (await client.getJson(client.url(path, [scope, ...query]), ctx)).body;
  const write = async (path: string, change: JsonWrite) =>
    (await client.sendJson(client.url(path), change, ctx)).body;
  const hookFields = {
    api_version: PAYLOAD_FORMAT,
    namespace,
    destination_url: destination.url,
    destination_headers: destination.headers,
  };
  const remove = (path: string) => write(`${path}?company_id=${companyId}`, { method: "DELETE" });

  return {
    async upsertHook(): Promise<ProcoreHook> {
      const listed = listOf<ProcoreHook>(await read(HOOKS, [["namespace", namespace]]), HOOKS);
      const same = listed.filter((h) => h.destination_url === destination.url && !h.owned_by_project_id);
      const [kept, ...extra] = same;
      for (const hook of extra) await remove(`${HOOKS}/${hook.id}`);
      const body = { company_id: companyId, hook: hookFields };
      const saved =
        kept === undefined
          ? await write(HOOKS, { method: "POST", body })
          : await write(`${HOOKS}/${kept.id}`, { method: "PATCH", body });
      return hookOf(saved);
    },

    async syncTriggers(hook: ProcoreHook, resources: readonly string[]): Promise<void> {
      const path = `${HOOKS}/${hook.id}/triggers`;
      const existing = listOf<ProcoreTrigger>(await read(path), path);
      const wanted = resources.flatMap((resource) =>
        eventTypesOf(resource).map((event) => ({ resource, event })),
      );
      const key = (resource: string, event: string) => `${resource}\u0000${event.toLowerCase()}`;
      const wantedKeys = new Set(wanted.map((w) => key(w.resource, w.event)));
      const existingKeys = new Set(existing.map((t) => key(t.resource_name, t.event_type)));
      for (const trigger of existing)
        if (!wantedKeys.has(key(trigger.resource_name, trigger.event_type)))
          await remove(`${path}/${trigger.id}`);
      for (const { resource, event } of wanted) {
        if (existingKeys.has(key(resource, event))) continue;
        const trigger = { resource_name: resource, event_type: event };
        await write(path, {
          method: "POST",
          body: { company_id: companyId, api_version: PAYLOAD_FORMAT, trigger },
        });
      }
    },
  };
}

function listOf<T>(body: unknown, path: string): T[] {
  if (Array.isArray(body)) return body as T[];
  throw new UpstreamError("body", `Procore answered ${path} with something other than a list.`);
}

function hookOf(body: unknown): ProcoreHook {
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id === "number" && Number.isSafeInteger(id)) return body as ProcoreHook;
  throw new UpstreamError("body", `Procore answered ${HOOKS} without the hook's id.`);
}
