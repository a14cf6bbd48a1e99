/**
 * What a path below `/arcgis/rest/services/` names: the folder listing, the feature service, a
 * layer, a layer's query operation or one feature. Folder and service names match in any case,
 * as they do on the server.
 */
import { invalidUrl, serviceNotFound } from "./errors.ts";
import type { FeatureServiceData, Layer } from "./model.ts";

export type Resource =
  | { readonly kind: "root" }
  | { readonly kind: "folder" }
  | { readonly kind: "service" }
  | { readonly kind: "layers" }
  | { readonly kind: "layer"; readonly layer: Layer }
  | { readonly kind: "query"; readonly layer: Layer }
  | { readonly kind: "feature"; readonly layer: Layer; readonly objectId: number };

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function resolveResource(path: string, data: FeatureServiceData): Resource {
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.length === 0) return { kind: "root" };
  const serverAt = segments.findIndex((s) => same(s, "FeatureServer"));
  if (serverAt < 0) {
    if (segments.length === 1 && data.folder && same(segments[0], data.folder)) return { kind: "folder" };
    throw serviceNotFound(segments.join("/"));
  }
  const prefix = segments.slice(0, serverAt);
  const expected = data.folder ? [data.folder, data.serviceName] : [data.serviceName];
  if (prefix.length !== expected.length || !prefix.every((s, i) => same(s, expected[i]!)))
    throw serviceNotFound(`${prefix.join("/")}/FeatureServer`);
  return resolveInService(segments.slice(serverAt + 1), data);
}

function resolveInService(rest: readonly string[], data: FeatureServiceData): Resource {
  const [layerPart, operation, ...extra] = rest;
  if (layerPart === undefined) return { kind: "service" };
  if (same(layerPart, "layers") && operation === undefined) return { kind: "layers" };
  const layer = /^\d+$/.test(layerPart) ? data.layers.find((l) => l.id === Number(layerPart)) : undefined;
  if (!layer || extra.length > 0) throw invalidUrl();
  if (operation === undefined) return { kind: "layer", layer };
  if (same(operation, "query")) return { kind: "query", layer };
  if (/^\d+$/.test(operation)) return { kind: "feature", layer, objectId: Number(operation) };
  throw invalidUrl();
}
