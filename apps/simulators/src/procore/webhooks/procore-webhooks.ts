/**
 * The simulator's webhooks in one piece: the registry the Webhooks API writes, the dispatcher
 * that delivers events for committed changes, their routes, and what tests reach in process.
 */
import type { FastifyInstance } from "fastify";
import type { ProcoreStore, RecordChange } from "../store/procore-store.ts";
import { HookRegistry } from "./hook-registry.ts";
import { registerHookRoutes } from "./hook-routes.ts";
import { registerWebhookControl } from "./webhook-control-routes.ts";
import {
  type WebhookDelivery,
  type WebhookDeliveryOptions,
  WebhookDispatcher,
  type WebhookFaults,
} from "./webhook-dispatcher.ts";

export interface SimulatorWebhooks {
  /** Every delivery attempt so far (also `GET /_simulator/procore/webhooks/deliveries`). */
  deliveries(): readonly WebhookDelivery[];
  /** Resolves once nothing is in flight or waiting for a retry. */
  settled(): Promise<void>;
  setFaults(faults: WebhookFaults): void;
  resetFaults(): void;
}

export interface ProcoreWebhooks {
  readonly api: SimulatorWebhooks;
  publish(change: RecordChange): void;
  register(app: FastifyInstance): void;
}

export function procoreWebhooks(
  store: ProcoreStore,
  userId: number,
  options: WebhookDeliveryOptions = {},
): ProcoreWebhooks {
  const registry = new HookRegistry(userId);
  const dispatcher = new WebhookDispatcher(registry, { userId, companyId: store.company.id }, options);
  return {
    api: {
      deliveries: () => dispatcher.deliveries(),
      settled: () => dispatcher.settled(),
      setFaults: (faults) => dispatcher.setFaults(faults),
      resetFaults: () => dispatcher.resetFaults(),
    },
    publish: (change) => dispatcher.publish(change),
    register(app) {
      registerHookRoutes(app, { store, registry, dispatcher });
      registerWebhookControl(app, registry, dispatcher);
      app.addHook("onClose", async () => dispatcher.stop());
    },
  };
}
