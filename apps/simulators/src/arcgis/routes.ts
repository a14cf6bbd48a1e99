/**
 * The endpoints, as an ArcGIS Enterprise server behind the default `arcgis` web adaptor serves
 * them: the token service, the portal's OAuth token endpoint, `/rest/info`, the services
 * directory, and the feature service below it. GET and POST take the same parameters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ArcgisAuth } from "./auth/arcgis-auth.ts";
import { ArcgisError } from "./errors.ts";
import { featureServiceDefinition, serviceExtent } from "./metadata/feature-service.ts";
import { layerDefinition, layerExtent } from "./metadata/layer-definition.ts";
import { folderDirectory, rootDirectory, serverInfo } from "./metadata/services-directory.ts";
import type { FeatureServiceData, Layer } from "./model.ts";
import { Params } from "./params.ts";
import { readQueryRequest } from "./query/query-request.ts";
import { renderGeojson } from "./query/render-geojson.ts";
import { renderJson } from "./query/render-json.ts";
import { runQuery } from "./query/run-query.ts";
import { parseFormat, sendBody, sendError } from "./respond.ts";
import { type Resource, resolveResource } from "./service-path.ts";

export interface ServiceContext {
  readonly data: FeatureServiceData;
  readonly auth: ArcgisAuth;
  readonly maxRecordCount: number;
  readonly requireToken: boolean;
  readonly clock: () => number;
}

type Handler = (request: FastifyRequest, reply: FastifyReply, params: Params) => FastifyReply;

/** Runs `handler`, answering ArcgisErrors with the server's HTTP 200 error body. */
function arcgis(handler: Handler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return handler(request, reply, Params.of(request));
    } catch (error) {
      if (error instanceof ArcgisError) return sendError(reply, error);
      throw error;
    }
  };
}

export function registerArcgisRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { auth } = context;
  const methods: ("GET" | "POST")[] = ["GET", "POST"];
  app.route({
    method: methods,
    url: "/arcgis/tokens/generateToken",
    handler: arcgis((_request, reply, params) =>
      sendBody(reply, parseFormat(params.text("f"), false), auth.generateToken(params)),
    ),
  });
  app.route({
    method: methods,
    url: "/arcgis/sharing/rest/oauth2/token",
    handler: arcgis((_request, reply, params) => sendBody(reply, "json", auth.oauthToken(params))),
  });
  app.route({
    method: methods,
    url: "/arcgis/rest/info",
    handler: arcgis((request, reply, params) => {
      const baseUrl = `${request.protocol}://${request.headers.host ?? "127.0.0.1"}`;
      return sendBody(reply, parseFormat(params.text("f"), false), serverInfo(baseUrl, auth.lifetimeSeconds));
    }),
  });
  const services = serviceHandler(context);
  app.route({ method: methods, url: "/arcgis/rest/services", handler: arcgis(services) });
  app.route({ method: methods, url: "/arcgis/rest/services/*", handler: arcgis(services) });
}

function serviceHandler(context: ServiceContext): Handler {
  const extents = new Map(context.data.layers.map((layer) => [layer.id, layerExtent(layer)]));
  const fullExtent = serviceExtent([...extents.values()]);
  const { data, maxRecordCount } = context;
  const definition = (layer: Layer) => layerDefinition(layer, extents.get(layer.id)!, maxRecordCount);

  return (request, reply, params) => {
    const path = (request.params as Record<string, string | undefined>)["*"] ?? "";
    const resource = resolveResource(path, data);
    context.auth.authorize(request, params, context.requireToken);
    const format = parseFormat(params.text("f"), resource.kind === "query");
    if (resource.kind !== "query") return sendBody(reply, format, describe(resource));
    if (format === "html") return sendBody(reply, format, null);
    const query = readQueryRequest(params, resource.layer, context.clock);
    const result = runQuery(resource.layer, query, maxRecordCount);
    const body =
      format === "geojson"
        ? renderGeojson(result, resource.layer)
        : renderJson(result, resource.layer, query.outSR);
    return sendBody(reply, format, body);
  };

  function describe(resource: Exclude<Resource, { kind: "query" }>): unknown {
    switch (resource.kind) {
      case "root":
        return rootDirectory(data);
      case "folder":
        return folderDirectory(data);
      case "service":
        return featureServiceDefinition(data, fullExtent, maxRecordCount);
      case "layers":
        return { layers: data.layers.map(definition), tables: [] };
      case "layer":
        return definition(resource.layer);
      case "feature":
        return singleFeature(resource.layer, resource.objectId);
    }
  }
}

function singleFeature(layer: Layer, objectId: number) {
  const feature = layer.features.find((f) => f.attributes[layer.objectIdField] === objectId);
  if (!feature)
    throw new ArcgisError(404, "Feature not found", [], { reason: `no ${layer.objectIdField} ${objectId}` });
  return { feature: { attributes: feature.attributes, geometry: feature.geometry } };
}
