/**
 * The OData v4 service under /odata: one wildcard GET route whose resource path we parse
 * ourselves (see resource-path.ts) and whose query string we read raw from the URL, because
 * Fastify's decoded querystring would lose what OData's grammar needs. Every response carries
 * `OData-Version`; everything, $metadata included, needs an API key with the `query` scope.
 * The service is read-only: other methods are answered with 501.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import { GatewayError } from "../errors/gateway-error.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import type { ODataCall } from "./audited-answer.ts";
import { serviceRoot } from "./context-url.ts";
import { serveMetadata, serveServiceDocument } from "./describe-service.ts";
import { requireODataKey } from "./odata-authentication.ts";
import { responseVersion } from "./protocol-version.ts";
import { parseResourcePath } from "./resource-path.ts";
import { serveCollection } from "./serve-collection.ts";
import { serveCount } from "./serve-count.ts";
import { serveEntity, serveEntityMember } from "./serve-entity.ts";

const PREFIX = "/odata";

export async function odataRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  app.addHook("onRequest", async (request, reply) => {
    // Set before the check, so that the error a 3.0-only client gets carries it too.
    reply.header("OData-Version", "4.0");
    reply.header("OData-Version", responseVersion(request.headers["odata-maxversion"]));
  });
  const options = { schema: { hide: true }, preHandler: requireODataKey(context.store) };
  const handler = (request: FastifyRequest, reply: FastifyReply) => answerOData(request, reply, context);
  app.get("/", options, handler);
  app.get("/*", options, handler);
  app.route({
    method: ["POST", "PUT", "PATCH", "DELETE"],
    url: "/*",
    ...options,
    handler: async () => {
      throw new GatewayError(
        "NotImplemented",
        "The OData service is read-only: only GET requests are supported (no inserts, updates, deletes, actions or $batch).",
      );
    },
  });
}

async function answerOData(
  request: FastifyRequest,
  reply: FastifyReply,
  context: GatewayContext,
): Promise<FastifyReply> {
  const { path, query } = splitUrl(request.url);
  const resource = parseResourcePath(path);
  const call: ODataCall = {
    request,
    reply,
    context,
    engine: await context.engines.engine(principalOf(request).workspaceId),
    root: serviceRoot(context.publicUrl),
    rawQuery: query,
  };
  switch (resource.kind) {
    case "serviceDocument":
      return serveServiceDocument(call);
    case "metadata":
      return serveMetadata(call);
    case "collection":
      return serveCollection(call, resource.entitySet);
    case "count":
      return serveCount(call, resource.entitySet);
    case "entity":
      return serveEntity(call, resource.entitySet, resource.key);
    case "entityMember":
      return serveEntityMember(call, resource.entitySet, resource.key, resource.segments);
  }
}

/** The path after /odata and the raw query string (without `?`), both still percent-encoded. */
function splitUrl(url: string): { path: string; query: string } {
  const questionMark = url.indexOf("?");
  const path = questionMark < 0 ? url : url.slice(0, questionMark);
  const query = questionMark < 0 ? "" : url.slice(questionMark + 1);
  return { path: path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path, query };
}
