import { describe, expect, it } from "vitest";
import { renderCsdlJson } from "./csdl-json.ts";
import { renderCsdlXml } from "./csdl-xml.ts";
import { ModelError } from "./errors.ts";
import { FIXTURE_MODEL, JOB, JOBS, RFIS } from "./testing/fixture-model.ts";
import { childOf, childrenOf, type ParsedElement, parseXml } from "./testing/minimal-xml.ts";
import { EDM_PRIMITIVE_TYPES, NO_PUSHDOWN, type PropertyDef, type ServiceModel } from "./types.ts";

const DESCRIPTION = "Org.OData.Core.V1.Description";
const PUSHDOWN = "Headgate.Vocabulary.V1.Pushdown";

function schemas(xml: string): { model: ParsedElement; vocabulary: ParsedElement; root: ParsedElement } {
  const root = parseXml(xml);
  const dataServices = childOf(root, "edmx:DataServices");
  return {
    root,
    model: childOf(dataServices, "Schema", { Namespace: "Headgate" }),
    vocabulary: childOf(dataServices, "Schema", { Namespace: "Headgate.Vocabulary.V1" }),
  };
}

function entityType(name: string): ParsedElement {
  return childOf(schemas(renderCsdlXml(FIXTURE_MODEL)).model, "EntityType", { Name: name });
}

function property(typeName: string, name: string): ParsedElement {
  return childOf(entityType(typeName), "Property", { Name: name });
}

function entitySet(name: string): ParsedElement {
  const container = childOf(schemas(renderCsdlXml(FIXTURE_MODEL)).model, "EntityContainer", {
    Name: "Container",
  });
  return childOf(container, "EntitySet", { Name: name });
}

function describedAs(element: ParsedElement): string | undefined {
  return childrenOf(element, "Annotation", { Term: DESCRIPTION })[0]?.attributes.String;
}

function withJobDescription(description: string): ServiceModel {
  return { namespace: "Headgate", entitySets: [{ ...JOBS, entityType: { ...JOB, description } }, RFIS] };
}

describe("renderCsdlXml", () => {
  const xml = renderCsdlXml(FIXTURE_MODEL);

  it("is a well-formed edmx 4.0 document with the model schema and the Headgate vocabulary schema", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const { root, model, vocabulary } = schemas(xml);
    expect(root.name).toBe("edmx:Edmx");
    expect(root.attributes).toEqual({
      Version: "4.0",
      "xmlns:edmx": "http://docs.oasis-open.org/odata/ns/edmx",
    });
    expect(model.attributes.xmlns).toBe("http://docs.oasis-open.org/odata/ns/edm");
    expect(vocabulary.attributes.xmlns).toBe("http://docs.oasis-open.org/odata/ns/edm");
  });

  it("references the Core, Capabilities and Validation vocabularies", () => {
    const references = childrenOf(parseXml(xml), "edmx:Reference");
    expect(references.map((reference) => childOf(reference, "edmx:Include").attributes)).toEqual([
      { Namespace: "Org.OData.Core.V1" },
      { Namespace: "Org.OData.Capabilities.V1" },
      { Namespace: "Org.OData.Validation.V1" },
    ]);
    expect(references[0]?.attributes.Uri).toBe(
      "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml",
    );
  });

  it("declares each entity type once, with its key", () => {
    const { model } = schemas(xml);
    expect(childrenOf(model, "EntityType").map((type) => type.attributes.Name)).toEqual(["Job", "Rfi"]);
    const key = childOf(entityType("Job"), "Key");
    expect(childrenOf(key, "PropertyRef").map((ref) => ref.attributes)).toEqual([{ Name: "JobNumber" }]);
  });

  it("writes each property's type, nullability and facets", () => {
    expect(property("Job", "JobNumber").attributes).toEqual({
      Name: "JobNumber",
      Type: "Edm.String",
      Nullable: "false",
      MaxLength: "20",
    });
    expect(property("Job", "Amount").attributes).toEqual({
      Name: "Amount",
      Type: "Edm.Decimal",
      Nullable: "true",
      Precision: "19",
      Scale: "4",
    });
    expect(property("Job", "StartDate").attributes).toEqual({
      Name: "StartDate",
      Type: "Edm.Date",
      Nullable: "true",
    });
    expect(property("Job", "Site").attributes.Type).toBe("Edm.GeographyPolygon");
    expect(property("Job", "Tags").attributes).toEqual({
      Name: "Tags",
      Type: "Collection(Edm.String)",
      Nullable: "false",
    });
  });

  it("states milliseconds for a DateTimeOffset and a variable scale for a Decimal the model leaves open", () => {
    expect(property("Job", "UpdatedAt").attributes.Precision).toBe("3");
    const open = {
      ...JOB,
      properties: JOB.properties.map((p) => (p.name === "Amount" ? { ...p, scale: undefined } : p)),
    };
    const model: ServiceModel = { namespace: "Headgate", entitySets: [{ ...JOBS, entityType: open }, RFIS] };
    const amount = childOf(
      childOf(schemas(renderCsdlXml(model)).model, "EntityType", { Name: "Job" }),
      "Property",
      {
        Name: "Amount",
      },
    );
    expect(amount.attributes.Scale).toBe("variable");
  });

  it("types navigation properties by their target set's entity type", () => {
    expect(childOf(entityType("Job"), "NavigationProperty").attributes).toEqual({
      Name: "Rfis",
      Type: "Collection(Headgate.Rfi)",
    });
    expect(childOf(entityType("Rfi"), "NavigationProperty").attributes).toEqual({
      Name: "Job",
      Type: "Headgate.Job",
      Nullable: "true",
    });
  });

  it("writes descriptions as Core.Description on types, properties, navigations and sets", () => {
    expect(describedAs(entityType("Job"))).toBe("A construction job");
    expect(describedAs(property("Job", "Amount"))).toBe("Contract amount in USD");
    expect(describedAs(childOf(entityType("Job"), "NavigationProperty"))).toBe(
      "Requests for information raised on the job",
    );
    expect(describedAs(entitySet("Jobs"))).toBe("Jobs from Sage 300 CRE");
    expect(describedAs(property("Job", "Status"))).toBeUndefined();
  });

  it("lists allowed values with Validation.AllowedValues", () => {
    const annotation = childOf(property("Job", "Status"), "Annotation", {
      Term: "Org.OData.Validation.V1.AllowedValues",
    });
    const records = childrenOf(childOf(annotation, "Collection"), "Record");
    expect(records.map((record) => childOf(record, "PropertyValue").attributes)).toEqual([
      { Property: "Value", String: "Open" },
      { Property: "Value", String: "Closed" },
      { Property: "Value", String: "On Hold" },
    ]);
  });

  it("states pushdown as a Headgate.Pushdown hint, and nothing for a property the upstream cannot help with", () => {
    const record = childOf(childOf(property("Job", "JobNumber"), "Annotation", { Term: PUSHDOWN }), "Record");
    const filter = childOf(record, "PropertyValue", { Property: "Filter" });
    expect(childrenOf(childOf(filter, "Collection"), "String").map((s) => s.text)).toEqual([
      "eq",
      "in",
      "startswith",
    ]);
    expect(childOf(record, "PropertyValue", { Property: "Sortable" }).attributes.Bool).toBe("true");
    expect(property("Job", "StartDate").children).toEqual([]);
    expect(childOf(property("Job", "Tags"), "Annotation").attributes).toEqual({
      Term: "Headgate.Vocabulary.V1.Searchable",
      Bool: "true",
    });
  });

  it("declares the Headgate terms in their own schema", () => {
    const { vocabulary } = schemas(xml);
    expect(childOf(vocabulary, "Term", { Name: "Pushdown" }).attributes).toMatchObject({
      Type: "Headgate.Vocabulary.V1.PushdownCapabilities",
      AppliesTo: "Property",
    });
    expect(childOf(vocabulary, "Term", { Name: "Searchable" }).attributes.Type).toBe("Edm.Boolean");
    const pushdown = childOf(vocabulary, "ComplexType", { Name: "PushdownCapabilities" });
    expect(childrenOf(pushdown, "Property").map((p) => p.attributes)).toEqual([
      { Name: "Filter", Type: "Collection(Edm.String)", Nullable: "false" },
      { Name: "Sortable", Type: "Edm.Boolean", Nullable: "false" },
    ]);
  });

  it("puts entity sets with navigation bindings in the container named Container", () => {
    expect(entitySet("Jobs").attributes).toEqual({ Name: "Jobs", EntityType: "Headgate.Job" });
    expect(childOf(entitySet("Jobs"), "NavigationPropertyBinding").attributes).toEqual({
      Path: "Rfis",
      Target: "Rfis",
    });
    expect(childOf(entitySet("Rfis"), "NavigationPropertyBinding").attributes).toEqual({
      Path: "Job",
      Target: "Jobs",
    });
  });

  it("restricts filters only where a property is required, never marking anything unfilterable or unsortable", () => {
    const restriction = childOf(entitySet("Rfis"), "Annotation", {
      Term: "Org.OData.Capabilities.V1.FilterRestrictions",
    });
    const record = childOf(restriction, "Record");
    expect(childOf(record, "PropertyValue", { Property: "RequiresFilter" }).attributes.Bool).toBe("true");
    const required = childOf(
      childOf(record, "PropertyValue", { Property: "RequiredProperties" }),
      "Collection",
    );
    expect(childrenOf(required, "PropertyPath").map((path) => path.text)).toEqual(["JobNumber"]);
    expect(
      childrenOf(entitySet("Jobs"), "Annotation", { Term: "Org.OData.Capabilities.V1.FilterRestrictions" }),
    ).toEqual([]);
    expect(xml).not.toContain("NonFilterableProperties");
    expect(xml).not.toContain("SortRestrictions");
  });

  it("escapes markup characters so a description round-trips", () => {
    const description = `Cost < 5 & "net" > 'gross'`;
    const parsed = schemas(renderCsdlXml(withJobDescription(description))).model;
    expect(describedAs(childOf(parsed, "EntityType", { Name: "Job" }))).toBe(description);
  });

  it("keeps line breaks and tabs in a description, and replaces characters XML cannot carry", () => {
    const parsed = schemas(renderCsdlXml(withJobDescription("line one\nline\ttwo\r\u0001"))).model;
    expect(describedAs(childOf(parsed, "EntityType", { Name: "Job" }))).toBe("line one\nline\ttwo\r\uFFFD");
  });

  it("refuses an invalid model with a ModelError naming the target", () => {
    const model: ServiceModel = { namespace: "Headgate", entitySets: [{ ...RFIS, name: "Open RFIs" }] };
    expect(() => renderCsdlXml(model)).toThrow(ModelError);
    expect(() => renderCsdlXml(model)).toThrow(/Entity set name "Open RFIs" is not a valid OData identifier/);
  });
});

describe("CSDL XML and CSDL JSON", () => {
  it("state the same type, nullability, facets and annotation terms for every property", () => {
    const { model } = schemas(renderCsdlXml(FIXTURE_MODEL));
    const json = renderCsdlJson(FIXTURE_MODEL).Headgate as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    for (const type of childrenOf(model, "EntityType")) {
      for (const element of childrenOf(type, "Property")) {
        const { Name, Type, Nullable, MaxLength, Precision, Scale } = element.attributes;
        const member = json[type.attributes.Name ?? ""]?.[Name ?? ""] ?? {};
        const collection = member.$Collection === true;
        expect(Type).toBe(collection ? `Collection(${String(member.$Type)})` : member.$Type);
        expect(Nullable).toBe(String(member.$Nullable === true));
        expect([MaxLength, Precision, Scale]).toEqual(
          [member.$MaxLength, member.$Precision, member.$Scale].map((facet) =>
            facet === undefined ? undefined : String(facet),
          ),
        );
        const xmlTerms = childrenOf(element, "Annotation").map((a) => `@${a.attributes.Term}`);
        expect(xmlTerms).toEqual(Object.keys(member).filter((key) => key.startsWith("@")));
      }
    }
  });
});

/** CSDL 4.0 constant expressions, written as an attribute or as an element (OData 4.0 Part 3, 14.4). */
const CONSTANTS = [
  "String",
  "Bool",
  "Int",
  "Decimal",
  "Float",
  "Date",
  "TimeOfDay",
  "DateTimeOffset",
  "Duration",
  "Guid",
];

/** The CSDL 4.0 elements $metadata may contain, each with the attributes it may carry. */
const CSDL_40_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  "edmx:Edmx": ["Version", "xmlns:edmx"],
  "edmx:Reference": ["Uri"],
  "edmx:Include": ["Namespace"],
  "edmx:DataServices": [],
  Schema: ["Namespace", "xmlns"],
  EntityType: ["Name"],
  Key: [],
  PropertyRef: ["Name"],
  Property: ["Name", "Type", "Nullable", "MaxLength", "Precision", "Scale"],
  NavigationProperty: ["Name", "Type", "Nullable"],
  ComplexType: ["Name"],
  Term: ["Name", "Type", "Nullable", "AppliesTo"],
  EntityContainer: ["Name"],
  EntitySet: ["Name", "EntityType"],
  NavigationPropertyBinding: ["Path", "Target"],
  Annotation: ["Term", "PropertyPath", ...CONSTANTS],
  Record: [],
  PropertyValue: ["Property", "PropertyPath", ...CONSTANTS],
  Collection: [],
  PropertyPath: [],
  ...Object.fromEntries(CONSTANTS.map((name) => [name, []])),
};

/** The CSDL 4.0 primitive types (4.01 adds Edm.Untyped). */
const CSDL_40_PRIMITIVE_TYPES = [
  ...["Binary", "Boolean", "Byte", "Date", "DateTimeOffset", "Decimal", "Double", "Duration", "Guid"],
  ...["Int16", "Int32", "Int64", "SByte", "Single", "Stream", "String", "TimeOfDay"],
  ...["Geography", "Geometry"].flatMap((kind) =>
    ["", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "Collection"].map(
      (shape) => `${kind}${shape}`,
    ),
  ),
].map((name) => `Edm.${name}`);

function everyElement(element: ParsedElement): ParsedElement[] {
  return [element, ...element.children.flatMap(everyElement)];
}

/** One nullable property of every type the model knows, a decimal among them without a scale. */
const EVERY_TYPE_MODEL: ServiceModel = {
  namespace: "Headgate",
  entitySets: [
    {
      name: "Everything",
      entityType: {
        name: "Everything",
        key: ["Id"],
        properties: [
          { name: "Id", type: "Edm.Int32", nullable: false, capabilities: NO_PUSHDOWN },
          ...EDM_PRIMITIVE_TYPES.map(
            (type, index): PropertyDef => ({
              name: `P${index}`,
              type,
              nullable: true,
              capabilities: NO_PUSHDOWN,
            }),
          ),
        ],
        navigation: [],
      },
    },
  ],
};

describe("the CSDL version", () => {
  it("is 4.0 because the document uses nothing that only 4.01 has", () => {
    for (const model of [FIXTURE_MODEL, EVERY_TYPE_MODEL]) {
      const root = parseXml(renderCsdlXml(model));
      expect(root.attributes.Version).toBe("4.0");
      for (const element of everyElement(root)) {
        expect(Object.keys(CSDL_40_ELEMENTS), "element").toContain(element.name);
        for (const attribute of Object.keys(element.attributes))
          expect(CSDL_40_ELEMENTS[element.name], `${element.name} attribute`).toContain(attribute);
        const { Type, Scale } = element.attributes;
        const type = Type?.replace(/^Collection\((.*)\)$/, "$1");
        if (type?.startsWith("Edm.")) expect(CSDL_40_PRIMITIVE_TYPES).toContain(type);
        // 4.01 adds Scale="floating".
        if (Scale !== undefined) expect(Scale).toMatch(/^(\d+|variable)$/);
        // 4.01 lets some entity types go without a key; 4.0 wants one on every entity type.
        if (element.name === "EntityType") expect(childrenOf(element, "Key")).toHaveLength(1);
      }
    }
  });
});
