/**
 * Test support: a Procore simulator over a small demo company, a connector pointed at it, and an
 * engine over that connector, plus a reference engine over the same data fetched without filters.
 */
import type { Connector, TokenStore } from "@headgate/connector-kit";
import { generateCompany, generateProcoreData, type ProcoreData } from "@headgate/demo-world";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import type { Row } from "@headgate/model";
import {
  DEFAULT_PROCORE_CREDENTIALS,
  type ProcoreSimulatorOptions,
  procoreSimulator,
  startSimulator,
} from "@headgate/simulators";
import { createProcoreConnector, type ProcoreConnector } from "../procore-connector.ts";
import type { ProcoreConnectorOptions } from "../procore-options.ts";

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export interface ProcoreFixture {
  readonly sim: RunningSimulator;
  readonly data: ProcoreData;
  readonly definition: ReturnType<typeof procoreSimulator>;
  connector(overrides?: Partial<ProcoreConnectorOptions>): ProcoreConnector;
  close(): Promise<void>;
}

export async function startProcoreFixture(
  scale = 0.25,
  simulator: ProcoreSimulatorOptions = { perPageMax: 50 },
): Promise<ProcoreFixture> {
  const data = generateProcoreData(generateCompany({ seed: 7, scale }));
  const definition = procoreSimulator(data, simulator);
  const sim = await startSimulator(definition);
  const connector = (overrides: Partial<ProcoreConnectorOptions> = {}) =>
    createProcoreConnector({
      baseUrl: sim.url,
      companyId: data.company.id,
      oauth: { ...DEFAULT_PROCORE_CREDENTIALS, grant: "client_credentials" },
      requestsPerSecond: Number.POSITIVE_INFINITY,
      ...overrides,
    });
  return { sim, data, definition, connector, close: () => sim.close() };
}

export async function engineOver(connector: Connector): Promise<Engine> {
  const catalog = await Catalog.build([{ name: "procore", connector }]);
  return new Engine({ catalog, skipTokenSecret: "procore-test-secret", timeoutMs: 20_000 });
}

/** Every row of every entity set, read through the connector with nothing pushed. */
export async function referenceEngine(connector: Connector): Promise<Engine> {
  const definitions = await connector.describe();
  const entitySets = [];
  for (const definition of definitions) {
    const rows: Row[] = [];
    const scan = connector.scan({
      entitySet: definition.name,
      signal: new AbortController().signal,
      deadline: Date.now() + 20_000,
    });
    for await (const page of scan) rows.push(...page.rows);
    entitySets.push({ definition, rows });
  }
  return engineOver(createMemoryConnector({ entitySets, pageSize: 97 }));
}

export function sharedTokens(store: TokenStore): Partial<ProcoreConnectorOptions> {
  return { tokens: store };
}
