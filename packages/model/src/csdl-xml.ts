/**
 * $metadata as CSDL XML (version 4.0, see csdl-version.ts): the document Excel, Power BI and other
 * OData clients read to learn the entity sets, their properties and what each supports.
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
import { CSDL_VERSION } from "./csdl-version.ts";
import type { EdmLiteralType } from "./edm-literals.ts";
import { HEADGATE_VOCABULARY_SCHEMA, type VocabularySchema } from "./headgate-vocabulary.ts";
import { firstSetOfEachType, navigationTarget } from "./model-lookup.ts";
import { validateModel } from "./model-validation.ts";
import type { EntitySetDef, NavigationDef, PropertyDef, ServiceModel } from "./types.ts";
import { CONTAINER_NAME, REFERENCED_VOCABULARIES, vocabularyUri } from "./vocabularies.ts";
import {
  serializeXml,
  type XmlAttributes,
  type XmlElement,
  xmlElement,
  xmlTextElement,
} from "./xml-writer.ts";

const EDMX_NAMESPACE = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NAMESPACE = "http://docs.oasis-open.org/odata/ns/edm";

/** CSDL constant expression names, used both as attribute (`String="x"`) and element (`<String>`). */
const CONSTANT_EXPRESSION: Readonly<Record<EdmLiteralType, string>> = {
  "Edm.String": "String",
  "Edm.Boolean": "Bool",
  "Edm.Int32": "Int",
  "Edm.Int64": "Int",
  "Edm.Decimal": "Decimal",
  "Edm.Double": "Float",
  "Edm.Date": "Date",
  "Edm.TimeOfDay": "TimeOfDay",
  "Edm.DateTimeOffset": "DateTimeOffset",
  "Edm.Duration": "Duration",
  "Edm.Guid": "Guid",
};

/** Renders the model as CSDL XML; throws a `ModelError` if the model is invalid. */
export function renderCsdlXml(model: ServiceModel): string {
  validateModel(model);
  return `<?xml version="1.0" encoding="utf-8"?>\n${serializeXml(edmxElement(model))}\n`;
}

function edmxElement(model: ServiceModel): XmlElement {
  return xmlElement("edmx:Edmx", { Version: CSDL_VERSION, "xmlns:edmx": EDMX_NAMESPACE }, [
    ...REFERENCED_VOCABULARIES.map(referenceElement),
    xmlElement("edmx:DataServices", {}, [modelSchema(model), vocabularySchema(HEADGATE_VOCABULARY_SCHEMA)]),
  ]);
}

function referenceElement(namespace: string): XmlElement {
  return xmlElement("edmx:Reference", { Uri: vocabularyUri(namespace, "xml") }, [
    xmlElement("edmx:Include", { Namespace: namespace }),
  ]);
}

function modelSchema(model: ServiceModel): XmlElement {
  return xmlElement("Schema", { Namespace: model.namespace, xmlns: EDM_NAMESPACE }, [
    ...firstSetOfEachType(model).map((entitySet) => entityTypeElement(model, entitySet)),
    containerElement(model),
  ]);
}

function entityTypeElement(model: ServiceModel, entitySet: EntitySetDef): XmlElement {
  const type = entitySet.entityType;
  const key = xmlElement(
    "Key",
    {},
    type.key.map((name) => xmlElement("PropertyRef", { Name: name })),
  );
  return xmlElement("EntityType", { Name: type.name }, [
    key,
    ...type.properties.map(propertyElement),
    ...type.navigation.map((navigation) => navigationElement(model, entitySet, navigation)),
    ...annotationElements(entityTypeAnnotations(type)),
  ]);
}

function typeName(type: string, collection: boolean): string {
  return collection ? `Collection(${type})` : type;
}

function propertyElement(property: PropertyDef): XmlElement {
  const facets = csdlFacets(property);
  const attributes: XmlAttributes = {
    Name: property.name,
    Type: typeName(property.type, property.collection === true),
    // Always written: the XML default (true) differs from JSON's (false), and 4.01 requires it
    // on collections (4.0 allows it there), where it says whether items may be null.
    Nullable: String(property.nullable),
    MaxLength: facets.maxLength,
    Precision: facets.precision,
    Scale: facets.scale,
  };
  return xmlElement("Property", attributes, annotationElements(propertyAnnotations(property)));
}

function navigationElement(model: ServiceModel, source: EntitySetDef, navigation: NavigationDef): XmlElement {
  const target = navigationTarget(model, source, navigation);
  const attributes: XmlAttributes = {
    Name: navigation.name,
    Type: typeName(`${model.namespace}.${target.entityType.name}`, navigation.collection),
    // A join may find no row; CSDL forbids Nullable on collection navigations.
    Nullable: navigation.collection ? undefined : "true",
  };
  return xmlElement("NavigationProperty", attributes, annotationElements(navigationAnnotations(navigation)));
}

function containerElement(model: ServiceModel): XmlElement {
  return xmlElement(
    "EntityContainer",
    { Name: CONTAINER_NAME },
    model.entitySets.map((entitySet) => entitySetElement(model.namespace, entitySet)),
  );
}

function entitySetElement(namespace: string, entitySet: EntitySetDef): XmlElement {
  const bindings = entitySet.entityType.navigation.map((navigation) =>
    xmlElement("NavigationPropertyBinding", { Path: navigation.name, Target: navigation.target }),
  );
  return xmlElement(
    "EntitySet",
    { Name: entitySet.name, EntityType: `${namespace}.${entitySet.entityType.name}` },
    [...bindings, ...annotationElements(entitySetAnnotations(entitySet))],
  );
}

function vocabularySchema(vocabulary: VocabularySchema): XmlElement {
  const complexTypes = vocabulary.complexTypes.map((complexType) =>
    xmlElement("ComplexType", { Name: complexType.name }, [
      ...complexType.properties.map((property) =>
        xmlElement(
          "Property",
          { Name: property.name, Type: typeName(property.type, property.collection), Nullable: "false" },
          annotationElements(property.annotations),
        ),
      ),
      ...annotationElements(complexType.annotations),
    ]),
  );
  const terms = vocabulary.terms.map((term) =>
    xmlElement(
      "Term",
      { Name: term.name, Type: term.type, Nullable: "false", AppliesTo: term.appliesTo.join(" ") },
      annotationElements(term.annotations),
    ),
  );
  return xmlElement("Schema", { Namespace: vocabulary.namespace, xmlns: EDM_NAMESPACE }, [
    ...annotationElements(vocabulary.annotations),
    ...complexTypes,
    ...terms,
  ]);
}

function annotationElements(annotations: readonly CsdlAnnotation[]): XmlElement[] {
  return annotations.map((annotation) =>
    valueHolder("Annotation", { Term: annotation.term }, annotation.value),
  );
}

/** An element holding an expression: as an attribute when CSDL allows it, else as a child. */
function valueHolder(name: string, attributes: XmlAttributes, value: CsdlExpression): XmlElement {
  const attribute = expressionAttribute(value);
  if (attribute === undefined) return xmlElement(name, attributes, [expressionElement(value)]);
  return xmlElement(name, { ...attributes, [attribute[0]]: attribute[1] });
}

function expressionAttribute(value: CsdlExpression): readonly [string, string] | undefined {
  if (value.kind === "constant") return [CONSTANT_EXPRESSION[value.type], value.value];
  if (value.kind === "propertyPath") return ["PropertyPath", value.path];
  return undefined;
}

function expressionElement(value: CsdlExpression): XmlElement {
  switch (value.kind) {
    case "constant":
      return xmlTextElement(CONSTANT_EXPRESSION[value.type], value.value);
    case "propertyPath":
      return xmlTextElement("PropertyPath", value.path);
    case "record":
      return xmlElement(
        "Record",
        {},
        value.members.map((member) =>
          valueHolder("PropertyValue", { Property: member.property }, member.value),
        ),
      );
    case "collection":
      return xmlElement("Collection", {}, value.items.map(expressionElement));
  }
}
