/**
 * The OData service document (`GET /`): the entity sets a client can read, relative to the
 * service root.
 */
import { validateModel } from "./model-validation.ts";
import type { ServiceModel } from "./types.ts";

export interface ServiceDocumentEntry {
  readonly name: string;
  readonly kind: "EntitySet";
  /** Relative to the service root. */
  readonly url: string;
}

export interface ServiceDocument {
  readonly "@odata.context": string;
  readonly value: readonly ServiceDocumentEntry[];
}

/** `contextUrl` is the $metadata URL, relative to the service root unless a door knows better. */
export function renderServiceDocument(model: ServiceModel, contextUrl = "$metadata"): ServiceDocument {
  validateModel(model);
  return {
    "@odata.context": contextUrl,
    // Identifiers may hold non-ASCII letters; a URL may not.
    value: model.entitySets.map(({ name }) => ({ name, kind: "EntitySet", url: encodeURIComponent(name) })),
  };
}
