/**
 * Procore paging (issue 8 §5): every RFI of the scale-8 demo world (over 10,000 RFIs across its
 * projects) read from the Procore simulator on loopback, through the Procore connector, against
 * a hand-written paging loop (plain fetch, follow `Link: rel="next"`) with the same concurrency.
 * Targets: upstream requests at most pages + projects; with a pushable filter, rows fetched at
 * most 1.1 x rows returned (also shown for `$search`, which the connector narrows with Procore's
 * RFI search); connector wall time at most 1.3 x the hand-written loop's.
 *
 * The simulator runs in this process with no added latency (the case where the connector's own
 * work weighs most), its rate limit lifted, pages capped at 100 rows as Procore's default page.
 * Both readers hold a token before timing starts and list the company's projects on every run
 * (the connector's project-list cache is turned off).
 */

import { createProcoreConnector, type ProcoreConnector } from "@headgate/connector-procore";
import { generateCompany, generateProcoreData, type ProcoreData } from "@headgate/demo-world";
import { Catalog, Engine } from "@headgate/engine";
import { parseQueryOptions } from "@headgate/odata";
import { DEFAULT_PROCORE_CREDENTIALS, procoreSimulator, startSimulator } from "@headgate/simulators";
import type { Figure } from "./measure.ts";

const SCALE = 8;
const PER_PAGE = 100;
const CONCURRENCY = 4;
const WARM_UP = 3;
const RUNS = 15;
const FILTER = "status in ('open','draft') and updated_at ge 2024-01-01T00:00:00Z";
const SEARCH = "slab";

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function procorePaging(): Promise<Figure[]> {
  const data = generateProcoreData(generateCompany({ scale: SCALE }));
  const sim = await startSimulator(
    procoreSimulator(data, { perPageMax: PER_PAGE, rateLimitPerHour: Number.MAX_SAFE_INTEGER }),
  );
  try {
    const rfiCount = data.tools.reduce((n, t) => n + t.rfis.length, 0);
    const projects = data.projects.length;
    const pages =
      Math.ceil(projects / PER_PAGE) +
      data.tools.reduce((n, t) => n + Math.ceil(t.rfis.length / PER_PAGE), 0);
    say(
      `  scale ${SCALE}: ${rfiCount.toLocaleString("en-US")} RFIs over ${projects} projects, ${pages} pages`,
    );
    const connector = connectorFor(sim.url, data);
    const hand = new HandWrittenReader(sim.url, data.company.id, await accessToken(sim.url));

    const first = await readThroughConnector(connector);
    const byHand = await hand.readAll();
    const filtered = await filteredRead(sim.url, data, `$filter=${encodeURIComponent(FILTER)}`);
    const searched = await filteredRead(sim.url, data, `$search=${SEARCH}`);
    const timing = await timeBoth(
      () => readThroughConnector(connector),
      () => hand.readAll(),
    );
    const ratio = timing.connectorMs / timing.handMs;
    const fetchedRatio = filtered.fetched / Math.max(1, filtered.returned);
    const searchRatio = searched.fetched / Math.max(1, searched.returned);
    return [
      {
        name: "RFIs read through the connector (all projects)",
        value: first.ids.length,
        unit: "rows",
        target: ">= 10,000, each once",
        pass:
          first.ids.length >= 10_000 && first.ids.length === rfiCount && new Set(first.ids).size === rfiCount,
        note: `${projects} projects, ${PER_PAGE} rows a page`,
      },
      {
        name: "(a) upstream requests of the connector",
        value: first.requests,
        unit: "requests",
        target: `<= pages + projects = ${pages + projects}`,
        pass: first.requests <= pages + projects,
        note: `hand-written loop: ${byHand.requests} requests`,
      },
      {
        name: "(b) rows fetched / rows returned, pushable filter",
        value: fetchedRatio,
        unit: "x",
        target: "<= 1.1",
        pass: fetchedRatio <= 1.1 && filtered.returned > 0,
        note: `${filtered.fetched} fetched, ${filtered.returned} returned by the engine; $filter=${FILTER}`,
      },
      {
        name: "    the same for $search (Procore's RFI search)",
        value: searchRatio,
        unit: "x",
        target: "<= 1.1",
        pass: searchRatio <= 1.1 && searched.returned > 0,
        note: `${searched.fetched} fetched, ${searched.returned} returned; $search=${SEARCH}`,
      },
      {
        name: "connector: read every RFI",
        value: timing.connectorMs,
        unit: "ms",
        target: "(reference)",
        pass: true,
        note: `median of ${RUNS} after ${WARM_UP} warm-up runs, concurrency ${CONCURRENCY}`,
      },
      {
        name: "hand-written loop: fetch + Link following, same concurrency",
        value: timing.handMs,
        unit: "ms",
        target: "(reference)",
        pass: byHand.rows === rfiCount,
        note: `median of ${RUNS}; ${byHand.rows} rows`,
      },
      {
        name: "(c) connector time / hand-written time",
        value: ratio,
        unit: "x",
        target: "<= 1.3",
        pass: ratio <= 1.3,
      },
    ];
  } finally {
    await sim.close();
  }
}

function connectorFor(baseUrl: string, data: ProcoreData, fetchImpl?: typeof fetch): ProcoreConnector {
  return createProcoreConnector({
    baseUrl,
    companyId: data.company.id,
    oauth: { ...DEFAULT_PROCORE_CREDENTIALS, grant: "client_credentials" },
    concurrency: CONCURRENCY,
    requestsPerSecond: Number.POSITIVE_INFINITY,
    projectListTtlMs: 0,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

async function readThroughConnector(
  connector: ProcoreConnector,
): Promise<{ ids: number[]; requests: number }> {
  const stats = { upstreamCalls: 0 };
  const ids: number[] = [];
  const scan = connector.scan(
    { entitySet: "RFIs", signal: new AbortController().signal, deadline: Date.now() + 120_000 },
    stats,
  );
  for await (const page of scan) for (const row of page.rows) ids.push(row.id as number);
  return { ids, requests: stats.upstreamCalls };
}

/**
 * A filtered or searched query through the engine (one page holds the whole answer), with a
 * fetch that counts the RFI records Procore sent before the connector checked them.
 */
async function filteredRead(
  baseUrl: string,
  data: ProcoreData,
  query: string,
): Promise<{ fetched: number; returned: number }> {
  let fetched = 0;
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    if (String(input).includes("/rfis")) {
      const body: unknown = JSON.parse(text);
      if (Array.isArray(body)) fetched += body.length;
    }
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const catalog = await Catalog.build([
    { name: "procore", connector: connectorFor(baseUrl, data, counting) },
  ]);
  const engine = new Engine({ catalog, skipTokenSecret: "procore-paging-bench", maxPageSize: 100_000 });
  const result = await engine.query({
    entitySet: "RFIs",
    options: parseQueryOptions(query),
    maxPageSize: 100_000,
  });
  if (result.next) throw new Error("the filtered answer did not fit one page");
  return { fetched, returned: result.rows.length };
}

async function timeBoth(
  connector: () => Promise<unknown>,
  hand: () => Promise<unknown>,
): Promise<{ connectorMs: number; handMs: number }> {
  for (let i = 0; i < WARM_UP; i++) {
    await connector();
    await hand();
  }
  const connectorMs: number[] = [];
  const handMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so drift in the machine's load hits both sides alike; each starts on a clean heap.
    collectGarbage();
    let t0 = performance.now();
    await connector();
    connectorMs.push(performance.now() - t0);
    collectGarbage();
    t0 = performance.now();
    await hand();
    handMs.push(performance.now() - t0);
  }
  return { connectorMs: median(connectorMs), handMs: median(handMs) };
}

async function accessToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: DEFAULT_PROCORE_CREDENTIALS.clientId,
      client_secret: DEFAULT_PROCORE_CREDENTIALS.clientSecret,
    }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/**
 * What a developer writes without the connector: list the projects, then read each project's
 * RFIs with `concurrency` workers, following `Link: <...>; rel="next"` until there is none.
 */
class HandWrittenReader {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly baseUrl: string,
    private readonly companyId: number,
    token: string,
  ) {
    this.headers = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
      "Procore-Company-Id": String(companyId),
    };
  }

  async readAll(): Promise<{ rows: number; requests: number }> {
    let requests = 0;
    const all = async (first: string): Promise<Record<string, unknown>[]> => {
      const records: Record<string, unknown>[] = [];
      for (let url: string | undefined = first; url; ) {
        const response = await fetch(url, { headers: this.headers });
        requests += 1;
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
        records.push(...((await response.json()) as Record<string, unknown>[]));
        url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
      }
      return records;
    };
    const projects = await all(
      `${this.baseUrl}/rest/v1.0/projects?company_id=${this.companyId}&filters[by_status]=All&per_page=1000`,
    );
    const queue = projects.map((p) => p.id as number);
    let rows = 0;
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const records = await all(`${this.baseUrl}/rest/v1.0/projects/${id}/rfis?per_page=1000`);
        rows += records.length;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { rows, requests };
  }
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
