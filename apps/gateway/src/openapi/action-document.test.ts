import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

/**
 * The document a ChatGPT Action imports: valid OpenAPI 3.1, inside the 3.0-compatible subset,
 * and within every limit ChatGPT enforces (checked here because no ChatGPT can be reached from
 * a test).
 */

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as untyped JSON
type Json = any;

let gateway: TestGateway;
let document: Json;
beforeAll(async () => {
  gateway = await startTestGateway();
  document = (await http(`${gateway.url}/openapi.json`)).body;
});
afterAll(() => gateway.close());

const operationsOf = (doc: Json): { path: string; method: string; operation: Json }[] =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

/** Every schema object in the document, with where it is. */
function schemasIn(value: Json, where: string, out: { where: string; schema: Json }[] = []) {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) schemasIn(item, `${where}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    if (where.endsWith(".schema") || /\.(properties\.[^.]+|items|additionalProperties)$/.test(where))
      out.push({ where, schema: value });
    for (const [key, child] of Object.entries(value)) schemasIn(child, `${where}.${key}`, out);
  }
  return out;
}

describe("GET /openapi.json", () => {
  it("is public and passes an OpenAPI 3.1 validator", async () => {
    const answer = await http(`${gateway.url}/openapi.json`);
    expect(answer.status).toBe(200);
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("holds exactly the four Action operations, all reads ChatGPT need not confirm", () => {
    const operations = operationsOf(document);
    expect(operations.map((o) => o.operation.operationId).sort()).toEqual([
      "describeEntitySet",
      "getEntity",
      "listEntitySets",
      "queryEntitySet",
    ]);
    for (const { method, operation } of operations) {
      expect(method).toBe("get");
      expect(operation["x-openai-isConsequential"]).toBe(false);
    }
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/entity-sets",
        "/api/entity-sets/{entitySet}",
        "/api/entity-sets/{entitySet}/rows",
        "/api/entity-sets/{entitySet}/rows/{key}",
      ]),
    );
  });

  it("names the public HTTPS server and a bearer API-key scheme that every operation uses", () => {
    expect(document.servers).toEqual([{ url: "https://headgate.test" }]);
    const schemes = document.components.securitySchemes;
    const [name, scheme] = Object.entries(schemes as Record<string, Json>)[0] ?? [];
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ [name as string]: [] }]);
    for (const { operation } of operationsOf(document)) expect(operation.security).toBeUndefined();
  });

  it("keeps summaries and descriptions within ChatGPT's limits", () => {
    expect(document.info.description.length).toBeLessThanOrEqual(300);
    for (const { operation } of operationsOf(document)) {
      expect(operation.summary.length, operation.operationId).toBeLessThanOrEqual(300);
      expect(operation.description.length, operation.operationId).toBeLessThanOrEqual(300);
      for (const parameter of operation.parameters ?? []) {
        expect(parameter.description?.length ?? 0, parameter.name).toBeGreaterThan(0);
        expect(parameter.description.length, parameter.name).toBeLessThanOrEqual(700);
      }
    }
  });

  it("has unique operationIds of at most 64 characters from [A-Za-z0-9_-]", () => {
    const ids = operationsOf(document).map((o) => o.operation.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it("declares every path parameter as required", () => {
    for (const { path, operation } of operationsOf(document)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? []).filter((p: Json) => p.in === "path");
      expect(declared.map((p: Json) => p.name).sort()).toEqual(inPath.sort());
      for (const parameter of declared) expect(parameter.required).toBe(true);
    }
  });

  it("stays in the OpenAPI 3.0-compatible subset: no type arrays, no $defs, properties on every object", () => {
    const text = JSON.stringify(document);
    expect(text).not.toContain("$defs");
    const schemas = schemasIn(document.paths, "paths");
    expect(schemas.length).toBeGreaterThan(20);
    for (const { where, schema } of schemas) {
      expect(Array.isArray(schema.type), where).toBe(false);
      expect(schema.nullable, where).toBeUndefined();
      if (schema.type === "object") expect(schema.properties, where).toBeTypeOf("object");
      for (const keyword of ["oneOf", "anyOf", "allOf"]) expect(schema[keyword], where).toBeUndefined();
    }
  });

  it("teaches the query syntax by example in the parameter descriptions", () => {
    const query = operationsOf(document).find((o) => o.operation.operationId === "queryEntitySet");
    const names = (query?.operation.parameters ?? []).map((p: Json) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "filter",
        "select",
        "orderby",
        "top",
        "skip",
        "count",
        "search",
        "apply",
        "cursor",
      ]),
    );
    const filter = query?.operation.parameters.find((p: Json) => p.name === "filter");
    expect(filter.description).toContain("Status eq 'In Progress'");
    expect(filter.description).toContain("contains(");
  });

  it("declares on the data operations when their data was read, how to ask for it fresh, and the 429 with Retry-After", () => {
    for (const id of ["queryEntitySet", "getEntity"]) {
      const { operation } = operationsOf(document).find((o) => o.operation.operationId === id) ?? {};
      const ok = operation.responses["200"].content["application/json"].schema;
      expect(ok.properties.asOf, id).toMatchObject({ type: "string", format: "date-time" });
      expect(ok.properties.asOf.description, id).toMatch(/^When this data was read/);
      const fresh = operation.parameters.find((p: Json) => p.name === "fresh");
      expect(fresh, id).toMatchObject({ in: "query", required: false, schema: { type: "boolean" } });
      const limited = operation.responses["429"];
      expect(limited.headers["Retry-After"], id).toMatchObject({ schema: { type: "integer" } });
      expect(limited.content["application/json"].schema.properties.error, id).toBeDefined();
    }
  });

  it("shows no admin or OData routes, which /docs lists for people", async () => {
    expect(JSON.stringify(document.paths)).not.toContain("/admin");
    const full = (await http(`${gateway.url}/docs/json`)).body;
    expect(Object.keys(full.paths)).toEqual(expect.arrayContaining(["/api/entity-sets"]));
  });
});

describe("GET /docs", () => {
  it("serves the human-readable API documentation without a key", async () => {
    const answer = await http(`${gateway.url}/docs/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/html");
    expect(answer.text.toLowerCase()).toContain("swagger");
  });
});

describe("GET /privacy", () => {
  it("serves a plain privacy page without a key, saying audit entries hold no row contents", async () => {
    const answer = await http(`${gateway.url}/privacy`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/html");
    expect(answer.text).toContain("No row contents are stored");
    expect(answer.text).toContain("https://headgate.test");
  });
});
