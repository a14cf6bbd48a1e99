/**
 * POST /hooks/procore/{connectionId}: Procore's webhook deliveries for one connection. A
 * delivery names a record that changed; the connection's cached scans that hold it are
 * forgotten, so the next question reads them again from Procore.
 *
 * Answers: 401 before anything else when the delivery lacks the connection's token (so nobody
 * without it learns which connections exist); 404 for a connection that does not exist (or is
 * not a Procore one); 400 for a body that is not a delivery; 204 once the scans are forgotten.
 * Procore gives up on an answer after 5 s and then retries, so a forgetting that takes longer is
 * answered 202 and finishes on its own. A failure is a 503, which Procore retries: a duplicate
 * delivery forgets nothing more, and a delivery lost for good is bounded by the cache's TTL.
 */
import type { UpstreamChange } from "@headgate/connector-kit";
import {
  isDeliveryProblem,
  isKnownWebhookResource,
  type ProcoreChange,
  parseProcoreDelivery,
} from "@headgate/connector-procore";
import type { Connection } from "@headgate/store";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GatewayError } from "../errors/gateway-error.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { HookConnections } from "./hook-connection.ts";
import { carriesWebhookToken, webhookTokenKey } from "./hook-token.ts";

/** Where Procore delivers a connection's webhooks: this path, then the connection's id. */
export const PROCORE_HOOK_PATH = "/hooks/procore";

/** Answer within Procore's 5 s, leaving room for the network. */
const ANSWER_WITHIN_MS = 4_000;

interface Params {
  readonly connection: string;
}

export function procoreHookRoute(
  app: FastifyInstance,
  context: Pick<GatewayContext, "store" | "engines">,
): void {
  const key = webhookTokenKey(context.store);
  const connections = new HookConnections(context.store);
  app.post<{ Params: Params }>(
    "/procore/:connection",
    {
      schema: { hide: true },
      bodyLimit: 64 * 1024,
      // Before the body is read: a caller without the token gets nothing else.
      onRequest: async (request: FastifyRequest<{ Params: Params }>) => {
        if (!carriesWebhookToken(request.headers.authorization, key, "procore", request.params.connection))
          throw new GatewayError(
            "Unauthorized",
            "This webhook delivery does not carry the connection's token (Authorization: Bearer <token>). Register the hook again from POST /admin/connections/{name}/webhooks, which sets the header.",
          );
      },
    },
    async (request, reply) => {
      const connection = await connections.find(request.params.connection);
      if (connection === undefined || connection.kind !== "procore")
        throw new GatewayError(
          "NotFound",
          "No Procore connection has this id (it may have been deleted); remove the hook from Procore.",
          request.params.connection,
        );
      const parsed = parseProcoreDelivery(request.body);
      if (isDeliveryProblem(parsed))
        throw new GatewayError("InvalidRequest", `Not a Procore webhook delivery: ${parsed.problem}.`);
      return forgetDelivery(context, connection, parsed, request.log, reply);
    },
  );
}

async function forgetDelivery(
  context: Pick<GatewayContext, "engines">,
  connection: Connection,
  delivery: ProcoreChange,
  log: FastifyBaseLogger,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const runtime = await context.engines.runtime(connection.workspaceId);
  const fields = logFields(connection, delivery);
  if (!runtime.connections.some((c) => c.name === connection.name)) {
    const problem = runtime.problems.find((p) => p.connection === connection.name);
    log.warn(
      { ...fields, problem: problem?.code },
      "procore webhook: the connection is not open; Procore will retry",
    );
    return reply.status(503).header("Retry-After", "60").send();
  }
  const forgetting = runtime.forgetChange(connection.name, changeOf(delivery));
  const settled = await within(forgetting, ANSWER_WITHIN_MS);
  if (!settled.done) {
    forgetting.then(
      (scansForgotten) => log.info({ ...fields, scansForgotten }, describeOutcome(delivery, scansForgotten)),
      (error: unknown) => log.warn({ ...fields, err: error }, "procore webhook: forgetting failed late"),
    );
    return reply.status(202).send();
  }
  log.info({ ...fields, scansForgotten: settled.value }, describeOutcome(delivery, settled.value));
  return reply.status(204).send();
}

/** The change alone: what a connector's affectedScans reads. */
function changeOf(delivery: ProcoreChange): UpstreamChange {
  const { resource, event, id, projectId } = delivery;
  return {
    resource,
    event,
    ...(id === undefined ? {} : { id }),
    ...(projectId === undefined ? {} : { projectId }),
  };
}

/** What each accepted delivery leaves in the log: who, what, where; never a header or token. */
function logFields(connection: Connection, delivery: ProcoreChange) {
  return {
    webhook: "procore",
    workspaceId: connection.workspaceId,
    connection: connection.name,
    connectionId: connection.id,
    resource: delivery.resource,
    event: delivery.event,
    recordId: delivery.id,
    projectId: delivery.projectId,
    eventId: delivery.eventId,
    payloadFormat: delivery.format,
  };
}

function describeOutcome(delivery: ProcoreChange, forgotten: number): string {
  const where = delivery.projectId === undefined ? "" : ` in project ${delivery.projectId}`;
  const what = `procore webhook: ${delivery.resource} ${delivery.event}${where}`;
  if (forgotten === 0 && !isKnownWebhookResource(delivery.resource))
    return `${what}: not a resource this connection exposes; nothing to forget`;
  return `${what}: forgot ${forgotten} cached scan${forgotten === 1 ? "" : "s"}`;
}

type Settled<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/** The promise's value if it settles within `ms` (its error is thrown); else not done. */
async function within<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ done: true, value }) as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
