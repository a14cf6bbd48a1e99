export { OOB_REDIRECT_URI } from "./auth/authorization-codes.ts";
export { AUTHORIZATION_CODE_ENDPOINT } from "./auth/oauth-routes.ts";
export type { ProcoreChanges } from "./changes/record-changes.ts";
export type { ProcoreCredentials } from "./credentials.ts";
export { DEFAULT_PROCORE_CREDENTIALS, readProcoreCredentials } from "./credentials.ts";
export type { ProcoreSimulatorDefinition, ProcoreSimulatorOptions } from "./procore-simulator.ts";
export { procoreSimulator } from "./procore-simulator.ts";
export type { Fields as ProcoreRecordFields } from "./store/record-fields.ts";
export type { ProjectRecordKind } from "./store/record-kinds.ts";
export { PROJECT_RECORD_KINDS, PROJECTS_RESOURCE_NAME } from "./store/record-kinds.ts";
export type { ProcoreUsage, UsageCount } from "./usage/usage-counter.ts";
export type {
  EventType as WebhookEventType,
  Hook as WebhookHook,
  Trigger as WebhookTrigger,
} from "./webhooks/hook-registry.ts";
export type { SimulatorWebhooks } from "./webhooks/procore-webhooks.ts";
export type {
  DeliveryOutcome as WebhookDeliveryOutcome,
  WebhookDelivery,
  WebhookDeliveryOptions,
  WebhookFaults,
} from "./webhooks/webhook-dispatcher.ts";
export type { WebhookPayload } from "./webhooks/webhook-event.ts";
