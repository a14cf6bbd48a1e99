/**
 * Webhook hooks and their triggers, as Procore's Webhooks API keeps them (procore/documentation
 * `plan_your_app/webhooks_api.md` and `webhooks/webhooks_api.md`; field names from the generated
 * SDK models `WebhooksHook` and `WebhooksTrigger`). A hook is a destination with a company or a
 * project scope and a namespace (default "procore"); its triggers name a resource and an event
 * type. A company hook hears its resources in every project of the company; a project hook only
 * its project [inf: Procore's pages describe company webhooks as company-wide].
 */
import { badRequest, notFound, ProcoreError } from "../http/procore-error.ts";
import type { RecordChange } from "../store/procore-store.ts";
import { checkHookInput, type HookInput } from "./hook-input.ts";

export type EventType = "create" | "update" | "delete";

export type HookScope =
  | { readonly kind: "company"; readonly companyId: number }
  | { readonly kind: "project"; readonly projectId: number };

export interface Hook {
  readonly id: number;
  readonly api_version: string;
  readonly namespace: string;
  readonly destination_url: string;
  readonly destination_headers: Readonly<Record<string, string>>;
  readonly owned_by_company_id: number | null;
  readonly owned_by_project_id: number | null;
  readonly owned_by_user_id: number;
}

export interface Trigger {
  readonly id: number;
  readonly webhook_hook_id: number;
  readonly resource_name: string;
  readonly resource_id: null;
  readonly event_type: EventType;
  readonly company_id: number | null;
  readonly project_id: number | null;
  readonly user_id: number;
}

const EVENT_TYPES: readonly EventType[] = ["create", "update", "delete"];

export class HookRegistry {
  private readonly hooks = new Map<number, Hook>();
  private readonly triggers = new Map<number, Trigger>();
  private nextHookId = 43_593_499;
  private nextTriggerId = 231_346_546;

  constructor(private readonly userId: number) {}

  createHook(scope: HookScope, input: HookInput): Hook {
    const checked = checkHookInput(input, true);
    const hook: Hook = {
      id: this.nextHookId++,
      api_version: checked.api_version ?? "v2",
      namespace: checked.namespace ?? "procore",
      destination_url: checked.destination_url ?? "",
      destination_headers: checked.destination_headers ?? {},
      owned_by_company_id: scope.kind === "company" ? scope.companyId : null,
      owned_by_project_id: scope.kind === "project" ? scope.projectId : null,
      owned_by_user_id: this.userId,
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  /** The scope's hooks in one namespace ("procore" when none is named, as Procore assumes). */
  list(scope: HookScope, namespace = "procore", apiVersion?: string): Hook[] {
    return [...this.hooks.values()].filter(
      (hook) =>
        inScope(hook, scope) &&
        hook.namespace === namespace &&
        (apiVersion === undefined || hook.api_version === apiVersion),
    );
  }

  /** The hook, if it belongs to the scope the request names; else 404 as Procore answers. */
  hook(id: number, scope: HookScope): Hook {
    const hook = this.hooks.get(id);
    if (!hook || !inScope(hook, scope)) throw notFound();
    return hook;
  }

  /** Any hook by id, for delivery (undefined once deleted). */
  find(id: number): Hook | undefined {
    return this.hooks.get(id);
  }

  all(): Hook[] {
    return [...this.hooks.values()];
  }

  updateHook(id: number, scope: HookScope, input: HookInput): Hook {
    const current = this.hook(id, scope);
    const checked = checkHookInput(input, false);
    const next = { ...current, ...checked };
    this.hooks.set(id, next);
    return next;
  }

  /** Deletes the hook and its triggers. */
  deleteHook(id: number, scope: HookScope): void {
    this.hook(id, scope);
    this.hooks.delete(id);
    for (const trigger of this.triggersOf(id)) this.triggers.delete(trigger.id);
  }

  createTrigger(hookId: number, scope: HookScope, resourceName: unknown, eventType: unknown): Trigger {
    const hook = this.hook(hookId, scope);
    if (typeof resourceName !== "string" || resourceName.trim() === "")
      throw badRequest("trigger[resource_name] is missing");
    const type = typeof eventType === "string" ? eventType.toLowerCase() : "";
    if (!EVENT_TYPES.includes(type as EventType))
      throw badRequest("trigger[event_type] must be one of create, update, delete");
    if (this.triggersOf(hookId).some((t) => t.resource_name === resourceName && t.event_type === type))
      throw new ProcoreError(422, `A trigger for ${resourceName} ${type} already exists on this hook`);
    const trigger: Trigger = {
      id: this.nextTriggerId++,
      webhook_hook_id: hookId,
      resource_name: resourceName,
      resource_id: null,
      event_type: type as EventType,
      company_id: hook.owned_by_company_id,
      project_id: hook.owned_by_project_id,
      user_id: this.userId,
    };
    this.triggers.set(trigger.id, trigger);
    return trigger;
  }

  triggersOf(hookId: number): Trigger[] {
    return [...this.triggers.values()].filter((t) => t.webhook_hook_id === hookId);
  }

  deleteTrigger(hookId: number, triggerId: number, scope: HookScope): void {
    this.hook(hookId, scope);
    const trigger = this.triggers.get(triggerId);
    if (!trigger || trigger.webhook_hook_id !== hookId) throw notFound();
    this.triggers.delete(triggerId);
  }

  /** The hooks a change fires: in scope, with a trigger for its resource and event type. */
  matching(change: RecordChange): Hook[] {
    return this.all().filter(
      (hook) =>
        (hook.owned_by_project_id === null || hook.owned_by_project_id === change.projectId) &&
        this.triggersOf(hook.id).some(
          (t) => t.resource_name === change.resourceName && t.event_type === change.eventType,
        ),
    );
  }
}

function inScope(hook: Hook, scope: HookScope): boolean {
  return scope.kind === "company"
    ? hook.owned_by_company_id === scope.companyId
    : hook.owned_by_project_id === scope.projectId;
}
