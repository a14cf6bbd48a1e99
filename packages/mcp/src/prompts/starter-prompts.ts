/**
 * Prompts that help a model start: each names the tools to use, in order, and the OData shapes
 * that answer the question cheaply, so a user can pick one from the client's prompt menu.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import * as z from "zod";

// Schemas are built once: building zod schemas per request would dominate a stateless call.
const JOB_ARGS = z.object({ job: z.string().describe("Job number, e.g. `23-104`") });

export function registerStarterPrompts(server: McpServer): void {
  server.registerPrompt(
    "analyse_job_cost",
    {
      title: "Analyse a job's cost against budget",
      description: "Compare a job's posted cost with its budget and contract, by cost code.",
      argsSchema: JOB_ARGS,
    },
    ({ job }) => ({
      messages: [{ role: "user", content: { type: "text", text: jobCostText(job) } }],
    }),
  );
  server.registerPrompt(
    "explore_workspace",
    {
      title: "Explore the workspace's data",
      description: "Find out which data is available and what questions it can answer.",
    },
    () => ({
      messages: [
        {
          role: "user",
          content: {
            type: "text",
            text: "Call list_entity_sets, then describe_entity_set for the three sets that look most central. Summarise what each holds, how they relate (relationships), and five questions this data can answer, each with the query_entity_set arguments that would answer it.",
          },
        },
      ],
    }),
  );
}

/** The steps, as calls on Sage 300 CRE's entity sets (the demo's); the text says to adapt the names. */
function jobCostText(job: string): string {
  const quoted = `'${job.replaceAll("'", "''")}'`;
  const call = (tool: string, args: object) => `\`${tool} ${JSON.stringify(args)}\``;
  const ofJob = `Job eq ${quoted}`;
  return [
    `Analyse the cost of job ${job} against its budget.`,
    "1. list_entity_sets, then describe_entity_set on the job, cost and commitment sets to learn property names.",
    `2. The job's contract amount and status: ${call("get_entity", { entity_set: "Jobs", key: quoted })}.`,
    // $apply runs before $filter: the job's rows are chosen inside apply.
    `3. Its cost per cost code and category: ${call("query_entity_set", {
      entity_set: "JobCostTransactions",
      apply: `filter(${ofJob})/groupby((Cost_Code,Category),aggregate(Amount with sum as Cost))`,
    })}.`,
    `4. Its commitments: ${call("query_entity_set", {
      entity_set: "Commitments",
      filter: ofJob,
      select: "Commitment,Vendor,Description,Revised_Commitment,Amount_Invoiced",
    })}.`,
    "5. Compare cost per cost code with budget or commitments; list the codes over budget, the largest variances, and the percentage of contract spent.",
    "The names above are Sage 300 CRE's; where the schema differs, use its names. Show figures in a table and say which queries you ran.",
  ].join("\n");
}
