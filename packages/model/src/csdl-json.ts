/**
 * $metadata as CSDL JSON (version 4.0, see csdl-version.ts), carrying exactly what the XML carries
 * (both are built from the same annotations and facets). `$Type` is always written; `$Nullable`
 * and `$Collection` only when true, their JSON default being false.
 */
import {
  type CsdlAnnotation,
  type CsdlExpression,
  entitySetAnnotations,
  entityTypeAnnotations,
  navigationAnnotations,
  propertyAnnotations,
} from "./csdl-annotations.ts";
import { csdlFacets } from "./csdl-facets.ts";
import { CSDL_VERSION, type CsdlVersion } from "./csdl-version.ts";
import type { EdmLiteralType } from "./edm-literals.ts";
import {
  HEADGATE_VOCABULARY_SCHEMA,
  type VocabularyProperty,
  type VocabularySchema,
} from "./headgate-vocabulary.ts";
import { firstSetOfEachType, navigationTarget } from "./model-lookup.ts";
import { validateModel } from "./model-validation.ts";
import type { EntitySetDef, NavigationDef, PropertyDef, ServiceModel } from "./types.ts";
import { CONTAINER_NAME, REFERENCED_VOCABULARIES, vocabularyUri } from "./vocabularies.ts";

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;
export type JsonObject = { readonly [key: string]: JsonValue };

export interface CsdlJsonDocument extends JsonObject {
  readonly $Version: CsdlVersion;
  /** `Namespace.Container`. */
  readonly $EntityContainer: string;
  readonly $Reference: JsonObject;
}

/** Renders the model as CSDL JSON; throws a `ModelError` if the model is invalid. */
export function renderCsdlJson(model: ServiceModel): CsdlJsonDocument {
  validateModel(model);
  return {
    $Version: CSDL_VERSION,
    $EntityContainer: `${model.namespace}.${CONTAINER_NAME}`,
    $Reference: references(),
    [model.namespace]: modelSchema(model),
    [HEADGATE_VOCABULARY_SCHEMA.namespace]: vocabularySchema(HEADGATE_VOCABULARY_SCHEMA),
  };
}

function references(): JsonObject {
  return Object.fromEntries(
    REFERENCED_VOCABULARIES.map((namespace) => [
      vocabularyUri(namespace, "json"),
      { $Include: [{ $Namespace: namespace }] },
    ]),
  );
}

function modelSchema(model: ServiceModel): JsonObject {
  return {
    ...Object.fromEntries(
      firstSetOfEachType(model).map((entitySet) => [
        entitySet.entityType.name,
        entityTypeJson(model, entitySet),
      ]),
    ),
    [CONTAINER_NAME]: containerJson(model),
  };
}

function entityTypeJson(model: ServiceModel, entitySet: EntitySetDef): JsonObject {
  const type = entitySet.entityType;
  return {
    $Kind: "EntityType",
    $Key: [...type.key],
    ...Object.fromEntries(type.properties.map((property) => [property.name, propertyJson(property)])),
    ...Object.fromEntries(
      type.navigation.map((navigation) => [navigation.name, navigationJson(model, entitySet, navigation)]),
    ),
    ...annotationsJson(entityTypeAnnotations(type)),
  };
}

function propertyJson(property: PropertyDef): JsonObject {
  const { maxLength, precision, scale } = csdlFacets(property);
  return {
    ...(property.collection === true ? { $Collection: true } : {}),
    $Type: property.type,
    ...(property.nullable ? { $Nullable: true } : {}),
    ...(maxLength === undefined ? {} : { $MaxLength: maxLength }),
    ...(precision === undefined ? {} : { $Precision: precision }),
    ...(scale === undefined ? {} : { $Scale: scale }),
    ...annotationsJson(propertyAnnotations(property)),
  };
}

function navigationJson(model: ServiceModel, source: EntitySetDef, navigation: NavigationDef): JsonObject {
  const target = navigationTarget(model, source, navigation);
  return {
    $Kind: "NavigationProperty",
    // A join may find no row; CSDL forbids Nullable on collection navigations.
    ...(navigation.collection ? { $Collection: true } : { $Nullable: true }),
    $Type: `${model.namespace}.${target.entityType.name}`,
    ...annotationsJson(navigationAnnotations(navigation)),
  };
}

function containerJson(model: ServiceModel): JsonObject {
  return {
    $Kind: "EntityContainer",
    ...Object.fromEntries(
      model.entitySets.map((entitySet) => [entitySet.name, entitySetJson(model.namespace, entitySet)]),
    ),
  };
}

function entitySetJson(namespace: string, entitySet: EntitySetDef): JsonObject {
  const navigation = entitySet.entityType.navigation;
  const bindings = Object.fromEntries(navigation.map(({ name, target }) => [name, target]));
  return {
    $Collection: true,
    $Type: `${namespace}.${entitySet.entityType.name}`,
    ...(navigation.length === 0 ? {} : { $NavigationPropertyBinding: bindings }),
    ...annotationsJson(entitySetAnnotations(entitySet)),
  };
}

function vocabularySchema(vocabulary: VocabularySchema): JsonObject {
  const complexTypes = vocabulary.complexTypes.map((complexType) => [
    complexType.name,
    {
      $Kind: "ComplexType",
      ...Object.fromEntries(
        complexType.properties.map((property) => [property.name, vocabularyPropertyJson(property)]),
      ),
      ...annotationsJson(complexType.annotations),
    },
  ]);
  const terms = vocabulary.terms.map((term) => [
    term.name,
    {
      $Kind: "Term",
      $Type: term.type,
      $AppliesTo: [...term.appliesTo],
      ...annotationsJson(term.annotations),
    },
  ]);
  return {
    ...annotationsJson(vocabulary.annotations),
    ...Object.fromEntries(complexTypes),
    ...Object.fromEntries(terms),
  };
}

function vocabularyPropertyJson(property: VocabularyProperty): JsonObject {
  return {
    ...(property.collection ? { $Collection: true } : {}),
    $Type: property.type,
    ...annotationsJson(property.annotations),
  };
}

function annotationsJson(annotations: readonly CsdlAnnotation[]): JsonObject {
  return Object.fromEntries(annotations.map(({ term, value }) => [`@${term}`, expressionJson(value)]));
}

/** Model paths are plain strings in CSDL JSON; records are objects, collections arrays. */
function expressionJson(value: CsdlExpression): JsonValue {
  switch (value.kind) {
    case "constant":
      return constantJson(value.type, value.value);
    case "propertyPath":
      return value.path;
    case "record":
      return Object.fromEntries(
        value.members.map((member) => [member.property, expressionJson(member.value)]),
      );
    case "collection":
      return value.items.map(expressionJson);
  }
}

/** Numbers and booleans as JSON literals; an Int64 beyond 2^53 and INF/NaN stay strings to stay exact. */
function constantJson(type: EdmLiteralType, text: string): JsonValue {
  switch (type) {
    case "Edm.Boolean":
      return text === "true";
    case "Edm.Int32":
    case "Edm.Int64":
      return Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case "Edm.Decimal":
    case "Edm.Double":
      return Number.isFinite(Number(text)) ? Number(text) : text;
    default:
      return text;
  }
}
