/**
 * How published examples are found: the demo test runs whatever these find, so an example the
 * finders miss would go unchecked. Each finder is shown the forms the docs and descriptions use.
 */
import { describe, expect, it } from "vitest";
import { unmarkedExamples, valuesNeverRun } from "./described-examples.ts";
import { examplesInMarkdown } from "./markdown-examples.ts";
import { callsInText, describedToolValues, type ListedTool, toolExamples } from "./mcp-examples.ts";
import {
  describedOperationValues,
  type OpenApiDocument,
  operationExamples,
  requestPathOf,
} from "./openapi-examples.ts";

describe("examples in Markdown", () => {
  const page = [
    "Query `GET /api/entity-sets/Jobs/rows?filter=Status eq 'Hold'&top=5` or `/odata/Jobs('23-104')`.",
    "The doors `/odata` and `/api`; the route `GET /api/entity-sets/{entitySet}/rows`.",
    'Call `query_entity_set {"entity_set":"Jobs","top":2}`; `Jobs(\'23-104\')` is an id.',
    "```sh",
    'curl -H "Authorization: Bearer $KEY" "https://data.example.com/odata/Jobs?\\$top=5&\\$select=Job"',
    'claude mcp add --transport http headgate "https://data.example.com/mcp"',
    "```",
  ].join("\n");

  it("finds requests in code spans and quoted URLs in code blocks, and tool calls with JSON arguments", () => {
    expect(examplesInMarkdown(page, "page.md")).toEqual([
      {
        kind: "request",
        where: "page.md:1",
        path: "/api/entity-sets/Jobs/rows?filter=Status eq 'Hold'&top=5",
      },
      { kind: "request", where: "page.md:1", path: "/odata/Jobs('23-104')" },
      { kind: "call", where: "page.md:3", name: "query_entity_set", args: { entity_set: "Jobs", top: 2 } },
      { kind: "request", where: "page.md:5", path: "/odata/Jobs?$top=5&$select=Job" },
    ]);
  });
});

describe("examples in descriptions", () => {
  it("refuses an announced example that is not a code span", () => {
    expect(unmarkedExamples("Sort order, e.g. `Total desc`. Examples: `a`; `b`.")).toEqual([]);
    expect(unmarkedExamples("The key, e.g. 23-104 or '23-104'.")).toEqual(["e.g. 23-104 or '23-104'."]);
    expect(unmarkedExamples("Aggregation. Examples: groupby((Status),aggregate(...))")).toHaveLength(1);
  });

  it("names a described value that no runnable example uses", () => {
    expect(
      valuesNeverRun([
        { where: "filter", value: "Status eq 'Hold'", ranWith: ["Status eq 'Hold'"] },
        { where: "filter", value: "ContractAmount gt 5", ranWith: ["Status eq 'Hold'"] },
      ]),
    ).toEqual(["filter: `ContractAmount gt 5` is not a value of any runnable example (1 known)"]);
  });
});

describe("examples in an OpenAPI document", () => {
  const document: OpenApiDocument = {
    paths: {
      "/api/entity-sets/{entitySet}/rows": {
        get: {
          operationId: "queryEntitySet",
          description: "Rows, e.g. `Status eq 'Hold'`.",
          parameters: [
            {
              name: "entitySet",
              in: "path",
              examples: { held: { value: "Jobs" }, big: { value: "JobCostTransactions" } },
            },
            {
              name: "filter",
              in: "query",
              description: "e.g. `Amount gt 5`",
              examples: { held: { value: "Status eq 'Hold'" } },
            },
            { name: "top", in: "query", examples: { held: { value: 5 }, big: { value: 1 } } },
          ],
        },
      },
    },
  };

  it("puts the parameters' examples of one name together as one call", () => {
    expect(operationExamples(document)).toEqual([
      {
        where: "queryEntitySet held",
        operationId: "queryEntitySet",
        parameters: { entitySet: "Jobs", filter: "Status eq 'Hold'", top: 5 },
      },
      {
        where: "queryEntitySet big",
        operationId: "queryEntitySet",
        parameters: { entitySet: "JobCostTransactions", top: 1 },
      },
    ]);
  });

  it("makes the request a call sends: path parameters in the path, the others as the query", () => {
    expect(
      requestPathOf(document, "queryEntitySet", { entitySet: "Jobs", filter: "Status eq 'Hold'", top: 5 }),
    ).toBe("/api/entity-sets/Jobs/rows?filter=Status+eq+%27Hold%27&top=5");
  });

  it("checks a parameter's described value against that parameter's examples", () => {
    expect(valuesNeverRun(describedOperationValues(document))).toEqual([
      "queryEntitySet parameter filter: `Amount gt 5` is not a value of any runnable example (1 known)",
    ]);
  });
});

describe("examples of MCP tools and prompts", () => {
  const tools: ListedTool[] = [
    {
      name: "get_entity",
      description: 'One row, e.g. `{"entity_set":"Jobs","key":"\'23-104\'"}`.',
      inputSchema: {
        properties: { key: { description: "e.g. `23-104` or `'23-110'`" } },
        examples: [{ entity_set: "Jobs", key: "23-104" }],
      },
    },
  ];

  it("runs the schema's examples and the JSON objects in descriptions", () => {
    expect(toolExamples(tools).map((e) => e.args)).toEqual([
      { entity_set: "Jobs", key: "23-104" },
      { entity_set: "Jobs", key: "'23-104'" },
    ]);
  });

  it("checks an argument's described values against every example's value of that argument", () => {
    expect(valuesNeverRun(describedToolValues(tools))).toEqual([
      "get_entity argument key: `'23-110'` is not a value of any runnable example (2 known)",
    ]);
  });

  it("reads the tool calls a prompt's text shows", () => {
    const text = 'First `get_entity {"entity_set":"Jobs","key":"23-104"}`, then compare `Cost_Code`.';
    expect(callsInText(text, "prompt")).toEqual([
      { kind: "call", where: "prompt", name: "get_entity", args: { entity_set: "Jobs", key: "23-104" } },
    ]);
  });
});
