/**
 * Starts the whole demo world: the company generated once, each HTTP simulator serving its
 * system's share of it, and the Sage 300 CRE database loaded into SQLite. The demo, the tests
 * and the benchmarks all call this; `pnpm simulators` prints what it returns.
 */
import {
  type Company,
  generateArcgisData,
  generateCompany,
  generateProcoreData,
  generateSharepointData,
} from "@headgate/demo-world";
import type { Knex } from "knex";
import { ARCGIS_DEFAULT_CREDENTIALS, arcgisSimulator } from "../arcgis/index.ts";
import { type RunningSimulator, startSimulator } from "../core/start-simulator.ts";
import { DEFAULT_GRAPH_CREDENTIALS, graphSimulator } from "../graph/index.ts";
import { DEFAULT_PROCORE_CREDENTIALS, procoreSimulator } from "../procore/index.ts";
import { createSageSqlite } from "../sage/index.ts";

export interface DemoUpstreamOptions {
  readonly seed?: number;
  readonly scale?: number;
  /** Fixed ports for a standalone run; ephemeral ports when absent. */
  readonly ports?: { readonly procore?: number; readonly arcgis?: number; readonly graph?: number };
  /** SQLite file for the Sage database (`:memory:` when absent). */
  readonly sageFile?: string;
  /**
   * Procore's spike window (default on, as Procore has it). Tests that walk every entity set
   * turn it off to stay fast; the budget's own tests keep it.
   */
  readonly procoreSpikeWindow?: boolean;
}

export interface DemoUpstreams {
  readonly company: Company;
  readonly procore: RunningSimulator & {
    readonly credentials: { clientId: string; clientSecret: string; companyId: number };
    /** Its spike window, when it has one. */
    readonly spikeWindow?: { readonly limit: number; readonly seconds: number };
  };
  readonly arcgis: RunningSimulator & {
    readonly credentials: typeof ARCGIS_DEFAULT_CREDENTIALS;
    readonly serviceUrl: string;
  };
  readonly graph: RunningSimulator & { readonly credentials: typeof DEFAULT_GRAPH_CREDENTIALS };
  readonly sage: {
    readonly knex: Knex;
    readonly file: string;
    readonly rowCounts: Readonly<Record<string, number>>;
  };
  close(): Promise<void>;
}

/**
 * The demo's Procore is throttled the way Procore documents it: besides the hourly window, a
 * spike window of 25 requests per 10 s per token (procore/documentation
 * `plan_your_app/rate_limiting.md`), so the demo shows how the gateway paces and budgets.
 */
const PROCORE_LIMITS = { spikeLimit: 25, spikeWindowSeconds: 10 } as const;

export async function startDemoUpstreams(options: DemoUpstreamOptions = {}): Promise<DemoUpstreams> {
  const company = generateCompany({
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    scale: options.scale ?? 1,
  });
  const started: { close(): Promise<void> }[] = [];
  try {
    const procore = await startSimulator(
      procoreSimulator(generateProcoreData(company), {
        ...DEFAULT_PROCORE_CREDENTIALS,
        ...(options.procoreSpikeWindow === false ? {} : PROCORE_LIMITS),
      }),
      port(options.ports?.procore),
    );
    started.push(procore);
    const arcgisData = generateArcgisData(company);
    const arcgis = await startSimulator(arcgisSimulator(arcgisData), port(options.ports?.arcgis));
    started.push(arcgis);
    const graph = await startSimulator(
      graphSimulator(generateSharepointData(company)),
      port(options.ports?.graph),
    );
    started.push(graph);
    const file = options.sageFile ?? ":memory:";
    const sage = await createSageSqlite(company, file);
    started.push({ close: () => sage.knex.destroy() });
    return {
      company,
      procore: Object.assign(procore, {
        credentials: { ...DEFAULT_PROCORE_CREDENTIALS, companyId: company.procoreCompanyId },
        ...(options.procoreSpikeWindow === false
          ? {}
          : {
              spikeWindow: { limit: PROCORE_LIMITS.spikeLimit, seconds: PROCORE_LIMITS.spikeWindowSeconds },
            }),
      }),
      arcgis: Object.assign(arcgis, {
        credentials: ARCGIS_DEFAULT_CREDENTIALS,
        serviceUrl: `${arcgis.url}/arcgis/rest/services/${arcgisData.folder}/${arcgisData.serviceName}/FeatureServer`,
      }),
      graph: Object.assign(graph, { credentials: DEFAULT_GRAPH_CREDENTIALS }),
      sage: { knex: sage.knex, file, rowCounts: sage.summary.rowCounts },
      close: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

function port(value: number | undefined): { port?: number } {
  return value === undefined ? {} : { port: value };
}

async function closeAll(started: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.allSettled([...started].reverse().map((s) => s.close()));
}
