/**
 * The answers every gateway answer is checked against: every row of the benchmark's entity sets,
 * read once through the Procore connector (the same entity set definitions the gateway serves)
 * from a simulator of the same data without rate limits, held by a memory connector that pushes
 * nothing, so the engine evaluates each query over all rows in memory.
 */
import { createProcoreConnector } from "@headgate/connector-procore";
import type { ProcoreData } from "@headgate/demo-world";
import { Catalog, createMemoryConnector, Engine, type MemoryEntitySet } from "@headgate/engine";
import type { Row } from "@headgate/model";
import { DEFAULT_PROCORE_CREDENTIALS, procoreSimulator, startSimulator } from "@headgate/simulators";
import {
  type AllRows,
  type BenchEntitySet,
  ENTITY_SETS,
  type ParsedQuestion,
  parseQuestion,
  type Question,
} from "./questions.ts";

/** What the in-memory evaluation says a question's whole answer is. */
export interface ExpectedAnswer {
  /** Every matching row, projected and in the query's order. */
  readonly rows: readonly Row[];
  readonly count: number;
}

export interface ReferenceEngine {
  readonly rows: AllRows;
  expected(question: Question): Promise<ExpectedAnswer>;
}

const ALL_ROWS = 10_000_000;

export async function buildReferenceEngine(data: ProcoreData): Promise<ReferenceEngine> {
  const { definitions, rows } = await readEveryRow(data);
  const entitySets: MemoryEntitySet[] = ENTITY_SETS.map((name) => ({
    definition: definitions.get(name)!,
    rows: rows[name],
  }));
  const connector = createMemoryConnector({ entitySets, propertyPushdown: "none" });
  const catalog = await Catalog.build([{ name: "reference", connector }]);
  const engine = new Engine({ catalog, skipTokenSecret: "procore-budget-reference", maxPageSize: ALL_ROWS });
  return {
    rows,
    async expected(question) {
      const parsed: ParsedQuestion = parseQuestion(question);
      const result = await engine.query({
        entitySet: question.entitySet,
        options: { ...parsed.options, count: true },
        maxPageSize: ALL_ROWS,
        timeoutMs: 120_000,
      });
      // The gateway's answer arrives as JSON: compare like with like.
      return { rows: JSON.parse(JSON.stringify(result.rows)) as Row[], count: result.count ?? 0 };
    },
  };
}

async function readEveryRow(data: ProcoreData) {
  const sim = await startSimulator(procoreSimulator(data, { rateLimitPerHour: Number.MAX_SAFE_INTEGER }));
  const connector = createProcoreConnector({
    baseUrl: sim.url,
    companyId: data.company.id,
    oauth: { ...DEFAULT_PROCORE_CREDENTIALS, grant: "client_credentials" },
    concurrency: 8,
    requestsPerSecond: Number.POSITIVE_INFINITY,
  });
  try {
    const definitions = new Map((await connector.describe()).map((d) => [d.name, d] as const));
    const rows = {} as Record<BenchEntitySet, Row[]>;
    for (const name of ENTITY_SETS) {
      const read: Row[] = [];
      const scan = connector.scan({
        entitySet: name,
        signal: new AbortController().signal,
        deadline: Date.now() + 300_000,
      });
      for await (const page of scan) for (const row of page.rows) read.push(row);
      rows[name] = read;
    }
    return { definitions, rows };
  } finally {
    await connector.close?.();
    await sim.close();
  }
}
