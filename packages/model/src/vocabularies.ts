/**
 * The OASIS vocabularies $metadata refers to, and the qualified names of the terms Headgate uses.
 * Terms are always written with their full namespace (never an alias): an alias could clash with
 * a model namespace chosen by a deployment, a full name cannot.
 */

export const CORE_VOCABULARY = "Org.OData.Core.V1";
export const CAPABILITIES_VOCABULARY = "Org.OData.Capabilities.V1";
export const VALIDATION_VOCABULARY = "Org.OData.Validation.V1";

/** Headgate's own terms; defined inside every $metadata document (see headgate-vocabulary.ts). */
export const HEADGATE_VOCABULARY = "Headgate.Vocabulary.V1";

/** Vocabularies referenced by every $metadata document, in document order. */
export const REFERENCED_VOCABULARIES = [
  CORE_VOCABULARY,
  CAPABILITIES_VOCABULARY,
  VALIDATION_VOCABULARY,
] as const;

/** Where OASIS publishes a vocabulary, in the same format as the document referring to it. */
export function vocabularyUri(namespace: string, format: "xml" | "json"): string {
  return `https://oasis-tcs.github.io/odata-vocabularies/vocabularies/${namespace}.${format}`;
}

export const TERM = {
  description: `${CORE_VOCABULARY}.Description`,
  filterRestrictions: `${CAPABILITIES_VOCABULARY}.FilterRestrictions`,
  allowedValues: `${VALIDATION_VOCABULARY}.AllowedValues`,
  pushdown: `${HEADGATE_VOCABULARY}.Pushdown`,
  searchable: `${HEADGATE_VOCABULARY}.Searchable`,
} as const;

/** Namespaces a model must not use: CSDL reserves some, the rest are taken by $metadata itself. */
export const RESERVED_NAMESPACES: readonly string[] = [
  "Edm",
  "odata",
  "System",
  "Transient",
  ...REFERENCED_VOCABULARIES,
  HEADGATE_VOCABULARY,
];

/** Name of the one entity container; it shares the schema's namespace with the entity types. */
export const CONTAINER_NAME = "Container";
