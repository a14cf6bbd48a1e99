export { PROCORE_ENTITY_SETS } from "./entity-sets/index.ts";
export type { ProcoreEntitySet } from "./entity-sets/procore-entity-set.ts";
export type { ProcoreConnector } from "./procore-connector.ts";
export { createProcoreConnector, PROCORE_CAPABILITIES } from "./procore-connector.ts";
export type { ProcoreConnectorOptions } from "./procore-options.ts";
export type {
  ProblemDescription,
  ProcoreChange,
  ProcorePayloadFormat,
} from "./webhooks/parse-procore-delivery.ts";
export { isDeliveryProblem, parseProcoreDelivery } from "./webhooks/parse-procore-delivery.ts";
export type { SubscribeProcoreChangesOptions } from "./webhooks/subscribe-procore-changes.ts";
export { HEADGATE_HOOK_NAMESPACE, subscribeProcoreChanges } from "./webhooks/subscribe-procore-changes.ts";
export type { ProcoreEventType } from "./webhooks/webhook-resources.ts";
export {
  eventTypesOf,
  isKnownWebhookResource,
  PROCORE_WEBHOOK_RESOURCES,
  webhookResourcesOf,
} from "./webhooks/webhook-resources.ts";
