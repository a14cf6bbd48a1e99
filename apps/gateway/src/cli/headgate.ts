#!/usr/bin/env node
import { randomBytes } from "node:crypto";
/**
 * The `headgate` command. Until the REST and MCP doors land (issues 6 and 7), `headgate demo`
 * answers OData queries over the built-in sample dataset from the command line.
 */
import { createInterface } from "node:readline/promises";
import { Engine } from "@headgate/engine";
import { renderCsdlJson, renderCsdlXml } from "@headgate/model";
import { sampleCatalog } from "../sample/sample-catalog.ts";
import { runQueryText } from "./run-query-text.ts";

const EXAMPLES = [
  "Jobs?$filter=Status eq 'In Progress' and ContractAmount gt 1000000&$select=JobNumber,Name,ContractAmount&$orderby=ContractAmount desc&$top=3",
  "Rfis?$apply=groupby((Status),aggregate($count as Count))",
];

const USAGE = `Usage:
  headgate demo                 answer example queries, then read queries from the prompt
  headgate query "<text>"       answer one query, e.g. "Jobs?$filter=Region eq 'North'&$top=5"
  headgate explain "<text>"     show what would be pushed upstream and what runs in the gateway
  headgate metadata [--json]    print the service's $metadata (CSDL XML, or CSDL JSON)

Query text is an entity set and OData options: Jobs?$filter=...&$orderby=...&$top=...
Also: Jobs/$count?$filter=...   Entity sets in the sample: Jobs, Rfis (Jobs have navigation Rfis).`;

async function main(argv: readonly string[]): Promise<number> {
  const [command = "demo", ...rest] = argv;
  const engine = new Engine({
    catalog: await sampleCatalog(),
    skipTokenSecret: randomBytes(32),
    maxPageSize: 50,
  });
  const print = (body: unknown) => process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  switch (command) {
    case "query":
    case "explain": {
      const text = rest.join(" ");
      if (!text) return fail('give the query text, e.g. headgate query "Jobs?$top=3"');
      const target = command === "explain" ? text.replace(/^([^?]*)/, "$1/$explain") : text;
      const answer = await runQueryText(engine, target);
      print(answer.body);
      return answer.ok ? 0 : 1;
    }
    case "demo":
      return demo(engine, print);
    case "metadata":
      if (rest.includes("--json")) print(renderCsdlJson(engine.model));
      else process.stdout.write(`${renderCsdlXml(engine.model)}\n`);
      return 0;
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      return fail(`unknown command '${command}'`);
  }
}

async function demo(engine: Engine, print: (body: unknown) => void): Promise<number> {
  process.stdout.write("Headgate demo: the query engine over a small built-in construction dataset.\n");
  process.stdout.write(
    "(The REST/OData and MCP doors and the upstream simulators arrive in later releases.)\n\n",
  );
  for (const example of EXAMPLES) {
    process.stdout.write(`> ${example}\n`);
    print((await runQueryText(engine, example)).body);
  }
  if (!process.stdin.isTTY) return 0;
  process.stdout.write(`\n${USAGE}\n\nType a query (empty line or Ctrl-D to quit).\n`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const line = (await prompt.question("headgate> ").catch(() => "")).trim();
      if (!line) return 0;
      print((await runQueryText(engine, line)).body);
    }
  } finally {
    prompt.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`headgate: ${message}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
