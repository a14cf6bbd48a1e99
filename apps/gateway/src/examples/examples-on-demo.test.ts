/**
 * Every example we publish runs on the demo (`pnpm start`): the requests and calls shown in
 * README.md and docs/, the example calls of the OpenAPI document a ChatGPT Action imports, the
 * examples describeEntitySet gives for each entity set, and the examples of the MCP tools and
 * prompts as a client lists them. The examples are found in what is published (the files, the
 * served documents), never copied here; each must succeed, with rows where it asks for rows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_WORKSPACE } from "../demo/demo-config.ts";
import { type RunningDemo, startDemo } from "../demo/start-demo.ts";
import { captureMcpToolCall } from "../mcp/capture-mcp-call.ts";
import { connectClient, type TestMcpClient } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";
import { requestProblem, toolAnswerProblem } from "./check-answers.ts";
import { valuesNeverRun } from "./described-examples.ts";
import { examplesInMarkdown, type MarkdownExample } from "./markdown-examples.ts";
import {
  callsInText,
  describedToolValues,
  type ListedPrompt,
  type ListedTool,
  promptArguments,
  toolExamples,
  unmarkedToolExamples,
} from "./mcp-examples.ts";
import {
  describedOperationValues,
  type OpenApiDocument,
  operationExamples,
  requestPathOf,
  unmarkedOperationExamples,
} from "./openapi-examples.ts";

const ROOT = join(import.meta.dirname, "../../../..");
const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name)),
];
const DOC_EXAMPLES: readonly MarkdownExample[] = PAGES.flatMap((page) =>
  examplesInMarkdown(readFileSync(join(ROOT, page), "utf8"), page),
);

let dataDir: string;
let demo: RunningDemo;
let key: string;
let mcp: TestMcpClient;
let document: OpenApiDocument;
let tools: ListedTool[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "headgate-examples-"));
  // Every example on every entity set: Procore's spike window would make this a minutes-long
  // walk; pacing and budgets have their own tests.
  demo = await startDemo({ dataDir, host: "127.0.0.1", port: 0, version: "test", procoreSpikeWindow: false });
  const workspaceId = demo.gateway.applied().workspaces.get(DEMO_WORKSPACE) ?? "";
  key = (await demo.store.apiKeys.create(workspaceId, { name: "examples", scopes: ["query"] })).plaintext;
  document = (await http(`${demo.publicUrl}/openapi.json`)).body;
  mcp = await connectClient("v2-legacy", { url: `${demo.publicUrl}/mcp`, key });
  tools = (await mcp.listTools()).tools as unknown as ListedTool[];
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await demo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs a call a page or prompt shows: an MCP tool by its name, an Action operation as its request. */
async function callProblem(
  name: string,
  args: Readonly<Record<string, unknown>>,
): Promise<string | undefined> {
  if (tools.some((tool) => tool.name === name))
    return toolAnswerProblem(name, args, await mcp.call(name, args));
  return requestProblem(demo.publicUrl, key, requestPathOf(document, name, args));
}

async function problemsOf<T>(
  examples: readonly T[],
  run: (example: T) => Promise<string | undefined>,
  where: (example: T) => string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const example of examples) {
    const problem = await run(example).catch((error: unknown) => `threw ${String(error)}`);
    if (problem !== undefined) problems.push(`${where(example)}: ${problem}`);
  }
  return problems;
}

describe("the examples in README.md and docs/", () => {
  it("are found on every page that shows the gateway's doors", () => {
    for (const page of ["README.md", "docs/chatgpt-action.md", "docs/odata-feeds.md", "docs/mcp.md"])
      expect(
        DOC_EXAMPLES.filter((e) => e.where.startsWith(`${page}:`)).length,
        `examples found in ${page}`,
      ).toBeGreaterThan(0);
  });

  it.each(DOC_EXAMPLES.map((example) => [example.where, example] as const))(
    "%s runs on the demo",
    async (_, example) => {
      const problem =
        example.kind === "request"
          ? await requestProblem(demo.publicUrl, key, example.path)
          : await callProblem(example.name, example.args);
      expect(
        problem,
        example.kind === "request" ? example.path : JSON.stringify(example.args),
      ).toBeUndefined();
    },
  );
});

describe("the OpenAPI document's examples (/openapi.json)", () => {
  it("gives example calls for every operation with parameters, and each runs on the demo", async () => {
    const examples = operationExamples(document);
    const withParameters = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((op) => (op as { parameters?: unknown[] }).parameters?.length)
      .map((op) => (op as { operationId: string }).operationId);
    for (const id of withParameters)
      expect(examples.filter((e) => e.operationId === id).length, id).toBeGreaterThan(0);
    const problems = await problemsOf(
      examples,
      (e) => requestProblem(demo.publicUrl, key, requestPathOf(document, e.operationId, e.parameters)),
      (e) => e.where,
    );
    expect(problems).toEqual([]);
  });

  it("shows in its descriptions only values its example calls run with, each as a code span", () => {
    expect(describedOperationValues(document).length).toBeGreaterThan(10);
    expect(valuesNeverRun(describedOperationValues(document))).toEqual([]);
    expect(unmarkedOperationExamples(document)).toEqual([]);
  });
});

describe("describeEntitySet's example queries", () => {
  it("run on every entity set of the demo, each with rows", async () => {
    const sets = (await http(`${demo.publicUrl}/api/entity-sets`, { key })).body.entitySets as {
      name: string;
    }[];
    expect(sets.length).toBeGreaterThan(10);
    const examples: { where: string; path: string }[] = [];
    for (const { name } of sets) {
      const described = (await http(`${demo.publicUrl}/api/entity-sets/${name}`, { key })).body;
      for (const [i, example] of (described.examples as { parameters: Record<string, unknown> }[]).entries())
        examples.push({
          where: `${name} examples[${i}]`,
          path: requestPathOf(document, "queryEntitySet", { entitySet: name, ...example.parameters }),
        });
    }
    const problems = await problemsOf(
      examples,
      (e) => requestProblem(demo.publicUrl, key, e.path),
      (e) => e.where,
    );
    expect(problems).toEqual([]);
  });
});

describe("the MCP tools' and prompts' examples (tools/list, prompts/list)", () => {
  it("runs every example argument set of every tool with arguments on the demo", async () => {
    const examples = toolExamples(tools);
    for (const tool of tools.filter((t) => Object.keys(t.inputSchema.properties ?? {}).length > 0))
      expect(
        examples.some((e) => e.tool === tool.name) ||
          describedToolValues(tools).some((v) => v.where.startsWith(`${tool.name} `)),
        `${tool.name} shows an example`,
      ).toBe(true);
    const problems = await problemsOf(
      examples,
      async (e) => toolAnswerProblem(e.tool, e.args, await mcp.call(e.tool, e.args)),
      (e) => `${e.where} ${JSON.stringify(e.args)}`,
    );
    expect(problems).toEqual([]);
  });

  it("shows in the tools' descriptions only values the examples run with, each as a code span", () => {
    expect(describedToolValues(tools).length).toBeGreaterThan(5);
    expect(valuesNeverRun(describedToolValues(tools))).toEqual([]);
    expect(unmarkedToolExamples(tools)).toEqual([]);
  });

  it("runs the tool calls each prompt shows, with the prompt's example arguments", async () => {
    const prompts = (await mcp.listPrompts()) as ListedPrompt[];
    const calls = [];
    for (const prompt of prompts) {
      const text = await mcp.getPrompt(prompt.name, promptArguments(prompt));
      calls.push(...callsInText(text, `prompt ${prompt.name}`));
    }
    expect(calls.length).toBeGreaterThan(0);
    const problems = await problemsOf(
      calls,
      (c) => callProblem(c.name, c.args),
      (c) => `${c.where} ${c.name}`,
    );
    expect(problems).toEqual([]);
  });

  it("keeps the tools/list answer under 8,000 characters in both protocol eras", async () => {
    for (const era of ["2025-11-25", "2026-07-28"] as const) {
      const { toolsListChars } = await captureMcpToolCall({
        url: `${demo.publicUrl}/mcp`,
        key,
        era,
        tool: "list_entity_sets",
        args: {},
      });
      expect(toolsListChars, era).toBeLessThanOrEqual(8_000);
    }
  });
});
