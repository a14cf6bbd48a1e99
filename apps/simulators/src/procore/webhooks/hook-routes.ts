/**
 * Procore's Webhooks API, v1.0 paths as procore/documentation `plan_your_app/webhooks_api.md`
 * uses them (answers in the shapes of the generated SDK models):
 *
 *   GET    /rest/v1.0/webhooks/hooks?company_id|project_id[&namespace][&api_version]
 *   POST   /rest/v1.0/webhooks/hooks        {company_id|project_id, hook: {...}}      201
 *   PATCH  /rest/v1.0/webhooks/hooks/{id}   {company_id|project_id, hook: {...}}
 *   DELETE /rest/v1.0/webhooks/hooks/{id}?company_id|project_id                      200, no body
 *   GET    /rest/v1.0/webhooks/hooks/{id}/triggers?company_id|project_id
 *   POST   /rest/v1.0/webhooks/hooks/{id}/triggers {company_id|project_id, api_version,
 *                                                   trigger: {resource_name, event_type}}  201
 *   DELETE /rest/v1.0/webhooks/hooks/{id}/triggers/{trigger_id}?company_id|project_id  200
 *   GET    /rest/v1.0/webhooks/hooks/{id}/deliveries?company_id|project_id
 *          [&filters[status]=any|successful|failing|discarded][&page_size][&page_start]
 *
 * They sit behind the same guard as every API call (token, company header, rate limits).
 * An Authorization destination header is shown masked to its last 5 characters, as Procore does.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { badRequest, notFound } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import type { ProcoreStore } from "../store/procore-store.ts";
import type { Hook, HookRegistry } from "./hook-registry.ts";
import { hookScope, type ScopeSource } from "./hook-scope.ts";
import type { WebhookDelivery, WebhookDispatcher } from "./webhook-dispatcher.ts";

const HOOKS = "/rest/v1.0/webhooks/hooks";

interface HookParams {
  readonly hook_id: string;
}

interface Body extends ScopeSource {
  readonly hook?: unknown;
  readonly trigger?: { readonly resource_name?: unknown; readonly event_type?: unknown };
}

export interface HookRouteContext {
  readonly store: ProcoreStore;
  readonly registry: HookRegistry;
  readonly dispatcher: WebhookDispatcher;
}

export function registerHookRoutes(app: FastifyInstance, ctx: HookRouteContext): void {
  const queryScope = (request: FastifyRequest) => {
    const query = QueryParams.of(request);
    return hookScope(ctx.store, {
      company_id: query.value("company_id"),
      project_id: query.value("project_id"),
    });
  };
  const bodyScope = (body: Body) => hookScope(ctx.store, body);

  app.get(HOOKS, async (request) => {
    const query = QueryParams.of(request);
    return ctx.registry
      .list(queryScope(request), query.value("namespace"), query.value("api_version"))
      .map(masked);
  });
  app.post<{ Body: Body }>(HOOKS, async (request, reply) => {
    const body = requestBody(request.body);
    return reply.code(201).send(masked(ctx.registry.createHook(bodyScope(body), hookObject(body))));
  });
  app.patch<{ Params: HookParams; Body: Body }>(`${HOOKS}/:hook_id`, async (request) => {
    const body = requestBody(request.body);
    return masked(ctx.registry.updateHook(hookId(request.params), bodyScope(body), hookObject(body)));
  });
  app.delete<{ Params: HookParams }>(`${HOOKS}/:hook_id`, async (request, reply) => {
    ctx.registry.deleteHook(hookId(request.params), queryScope(request));
    return reply.code(200).send();
  });
  registerTriggerRoutes(app, ctx, queryScope, bodyScope);
  app.get<{ Params: HookParams }>(`${HOOKS}/:hook_id/deliveries`, async (request) => {
    const hook = ctx.registry.hook(hookId(request.params), queryScope(request));
    return deliveryPage(ctx.dispatcher.deliveries(), hook.id, QueryParams.of(request));
  });
}

function registerTriggerRoutes(
  app: FastifyInstance,
  ctx: HookRouteContext,
  queryScope: (request: FastifyRequest) => ReturnType<typeof hookScope>,
  bodyScope: (body: Body) => ReturnType<typeof hookScope>,
): void {
  app.get<{ Params: HookParams }>(`${HOOKS}/:hook_id/triggers`, async (request) => {
    const hook = ctx.registry.hook(hookId(request.params), queryScope(request));
    return ctx.registry.triggersOf(hook.id);
  });
  app.post<{ Params: HookParams; Body: Body }>(`${HOOKS}/:hook_id/triggers`, async (request, reply) => {
    const body = requestBody(request.body);
    if (typeof body.trigger !== "object" || body.trigger === null) throw badRequest("trigger is missing");
    const { resource_name, event_type } = body.trigger;
    const trigger = ctx.registry.createTrigger(
      hookId(request.params),
      bodyScope(body),
      resource_name,
      event_type,
    );
    return reply.code(201).send(trigger);
  });
  app.delete<{ Params: HookParams & { readonly trigger_id: string } }>(
    `${HOOKS}/:hook_id/triggers/:trigger_id`,
    async (request, reply) => {
      const triggerId = numeric(request.params.trigger_id);
      ctx.registry.deleteTrigger(hookId(request.params), triggerId, queryScope(request));
      return reply.code(200).send();
    },
  );
}

function numeric(raw: string): number {
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

function hookId(params: HookParams): number {
  return numeric(params.hook_id);
}

function requestBody(body: unknown): Body {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badRequest("The body must be a JSON object");
  return body as Body;
}

function hookObject(body: Body): Readonly<Record<string, unknown>> {
  if (typeof body.hook !== "object" || body.hook === null || Array.isArray(body.hook))
    throw badRequest("hook is missing");
  return body.hook as Readonly<Record<string, unknown>>;
}

/** The hook as Procore shows it: an Authorization header masked to its last 5 characters. */
export function masked(hook: Hook): Hook {
  const headers = Object.fromEntries(
    Object.entries(hook.destination_headers).map(([name, value]) =>
      name.toLowerCase() === "authorization" ? [name, `*****${value.slice(-5)}`] : [name, value],
    ),
  );
  return { ...hook, destination_headers: headers };
}

const STATUS_OUTCOMES: Readonly<Record<string, readonly string[]>> = {
  any: ["ok", "retried", "discarded"],
  successful: ["ok"],
  failing: ["retried"],
  discarded: ["discarded"],
};

/** A hook's deliveries, oldest first, `page_size` (default 100) after the id `page_start`. */
function deliveryPage(all: readonly WebhookDelivery[], hookId: number, query: QueryParams) {
  const status = query.value("filters[status]") ?? query.value("filter[status]") ?? "any";
  const outcomes = STATUS_OUTCOMES[status];
  if (!outcomes) throw badRequest("filters[status] must be one of any, successful, failing, discarded");
  const [pageSize = 100] = query.ids("page_size");
  const [after = 0] = query.ids("page_start");
  return all
    .filter((d) => d.hook_id === hookId && d.id > after && outcomes.includes(d.outcome))
    .slice(0, pageSize)
    .map(({ hook_id: _hook, attempt: _attempt, ...delivery }) => delivery);
}
