/**
 * The webhook side of the simulator's control surface, for tests and benchmarks:
 *
 *   GET    /_simulator/procore/webhooks/hooks          every hook with its triggers, unmasked
 *   GET    /_simulator/procore/webhooks/deliveries     every delivery attempt (`?hook_id=` narrows)
 *   GET|PUT|DELETE /_simulator/procore/webhooks/faults  {duplicate?: {times}, drop?: {times}}
 */
import type { FastifyInstance } from "fastify";
import { QueryParams } from "../http/query-params.ts";
import type { HookRegistry } from "./hook-registry.ts";
import type { WebhookDispatcher, WebhookFaults } from "./webhook-dispatcher.ts";

const BASE = "/_simulator/procore/webhooks";

export function registerWebhookControl(
  app: FastifyInstance,
  registry: HookRegistry,
  dispatcher: WebhookDispatcher,
): void {
  app.get(`${BASE}/hooks`, async () =>
    registry.all().map((hook) => ({ ...hook, triggers: registry.triggersOf(hook.id) })),
  );
  app.get(`${BASE}/deliveries`, async (request) => {
    const [hookId] = QueryParams.of(request).ids("hook_id");
    const all = dispatcher.deliveries();
    return hookId === undefined ? all : all.filter((d) => d.hook_id === hookId);
  });
  app.get(`${BASE}/faults`, async () => dispatcher.currentFaults);
  app.put<{ Body: WebhookFaults }>(`${BASE}/faults`, async (request) => {
    dispatcher.setFaults(request.body ?? {});
    return dispatcher.currentFaults;
  });
  app.delete(`${BASE}/faults`, async () => {
    dispatcher.resetFaults();
    return dispatcher.currentFaults;
  });
}
