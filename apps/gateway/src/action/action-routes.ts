/**
 * The ChatGPT Action API under /api: four read operations over the caller's workspace (list
 * the entity sets, describe one, query one, get a row by key). Every route needs a key with
 * the `query` scope. Bodies are serialized here, not by Fastify, because the size budget is
 * measured on the exact text sent. Data is read fresh (not from cached scans) when the request
 * says `Cache-Control: no-cache` or, as a model can only say it, `fresh=true`.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { principalOf, requireApiKey } from "../auth/require-api-key.ts";
import { watchClientDisconnect } from "../odata/client-disconnect.ts";
import { asksForFreshData } from "../odata/fresh-request.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import {
  describeEntitySetSchema,
  getEntitySchema,
  listEntitySetsSchema,
  queryEntitySetSchema,
} from "./action-schemas.ts";
import { describeEntitySet, renderDescription } from "./describe-entity-set.ts";
import { entitySetNamed } from "./entity-set-named.ts";
import { getEntity } from "./get-entity.ts";
import { listEntitySets } from "./list-entity-sets.ts";
import {
  checkCountParameters,
  type PlainQueryParameters,
  QUERY_PARAMETER_NAMES,
  rejectUnknownParameters,
} from "./page-query.ts";
import { queryRows } from "./query-rows.ts";

interface EntitySetParams {
  readonly entitySet: string;
}

interface EntityParameters {
  readonly select?: string;
  readonly expand?: string;
  readonly fresh?: boolean;
}

export async function actionRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  app.addHook("preHandler", requireApiKey(context.store, "query"));

  app.get("/entity-sets", { schema: listEntitySetsSchema }, async (request, reply) => {
    const runtime = await context.engines.runtime(principalOf(request).workspaceId);
    return sendJson(reply, JSON.stringify(listEntitySets(runtime)));
  });

  app.get<{ Params: EntitySetParams }>(
    "/entity-sets/:entitySet",
    { schema: describeEntitySetSchema },
    async (request, reply) => {
      const runtime = await context.engines.runtime(principalOf(request).workspaceId);
      const set = entitySetNamed(runtime.engine.model, request.params.entitySet);
      const description = describeEntitySet(set, runtime.connectionOf(set.name));
      return sendJson(reply, renderDescription(description, context.actionBudget.maxResponseChars));
    },
  );

  app.get<{ Params: EntitySetParams; Querystring: PlainQueryParameters }>(
    "/entity-sets/:entitySet/rows",
    {
      schema: queryEntitySetSchema,
      preValidation: async (request) => checkCountParameters(request.query as Record<string, unknown>),
    },
    async (request, reply) => {
      rejectUnknownParameters(request.query, QUERY_PARAMETER_NAMES);
      const principal = principalOf(request);
      const watch = watchClientDisconnect(reply);
      try {
        const text = await queryRows(context, {
          engine: await context.engines.engine(principal.workspaceId),
          principal,
          log: request.log,
          entitySet: request.params.entitySet,
          parameters: request.query,
          signal: watch.signal,
          fresh: request.query.fresh === true || asksForFreshData(request.headers["cache-control"]),
        });
        return sendJson(reply, text);
      } finally {
        watch.dispose();
      }
    },
  );

  app.get<{ Params: EntitySetParams & { key: string }; Querystring: EntityParameters }>(
    "/entity-sets/:entitySet/rows/:key",
    { schema: getEntitySchema },
    async (request, reply) => {
      rejectUnknownParameters(request.query, ["select", "expand", "fresh"]);
      const principal = principalOf(request);
      const watch = watchClientDisconnect(reply);
      try {
        const text = await getEntity(context, {
          engine: await context.engines.engine(principal.workspaceId),
          principal,
          log: request.log,
          entitySet: request.params.entitySet,
          key: request.params.key,
          ...request.query,
          signal: watch.signal,
          fresh: request.query.fresh === true || asksForFreshData(request.headers["cache-control"]),
        });
        return sendJson(reply, text);
      } finally {
        watch.dispose();
      }
    },
  );
}

/** A JSON body already serialized (and measured): Fastify sends a string with a JSON type as is. */
function sendJson(reply: FastifyReply, text: string): FastifyReply {
  return reply.header("content-type", "application/json; charset=utf-8").send(text);
}
