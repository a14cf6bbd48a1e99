/**
 * `pnpm bench`: runs every benchmark and prints its figures against the targets in the issues.
 * Exits non-zero when a figure misses its target, so a regression is visible.
 */
import { cpus } from "node:os";
import { demoWorldGeneration } from "./demo-world.bench.ts";
import { mcpVsRest } from "./mcp-vs-rest.bench.ts";
import { type Figure, formatFigures } from "./measure.ts";
import { parseAndBind } from "./parse-bind.bench.ts";
import { procoreBudget } from "./procore-budget.bench.ts";
import { procorePaging } from "./procore-paging.bench.ts";
import { residualEvaluation } from "./residual-evaluation.bench.ts";
import { restThroughput } from "./rest-throughput.bench.ts";
import { sagePushdown } from "./sage-pushdown.bench.ts";

const SUITES: Record<string, () => Promise<Figure[]>> = {
  "parse-bind": parseAndBind,
  "residual-evaluation": residualEvaluation,
  "demo-world": demoWorldGeneration,
  "sage-pushdown": sagePushdown,
  "rest-throughput": restThroughput,
  "mcp-vs-rest": mcpVsRest,
  "procore-paging": procorePaging,
  "procore-budget": procoreBudget,
};

const only = process.argv.slice(2);
process.stdout.write(
  `Headgate benchmarks on node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores\n`,
);
let failed = false;
for (const [name, run] of Object.entries(SUITES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n## ${name}\n`);
  const figures = await run();
  process.stdout.write(`${formatFigures(figures)}\n`);
  failed ||= figures.some((f) => !f.pass);
}
process.exitCode = failed ? 1 : 0;
