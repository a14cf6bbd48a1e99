import { generateCompany, generateProcoreData } from "@headgate/demo-world";
import { DEFAULT_PROCORE_CREDENTIALS, procoreSimulator, startSimulator } from "@headgate/simulators";
import { PROCORE_ENTITY_SETS } from "../../packages/connectors/procore/src/entity-sets/index.ts";
import { createProcoreConnector } from "../../packages/connectors/procore/src/index.ts";

const data = generateProcoreData(generateCompany({ scale: 8 }));
const rfis = data.tools.flatMap((t) => t.rfis);
const set = PROCORE_ENTITY_SETS.find((s) => s.definition.name === "RFIs")!;
const recs = JSON.parse(JSON.stringify(rfis));
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  for (const r of recs) set.endpoints[0]!.toRow(r, 1);
  console.log("toRow ms", performance.now() - t0);
}
const sim = await startSimulator(procoreSimulator(data, { perPageMax: 100, rateLimitPerHour: 1e12 }));
const c = createProcoreConnector({
  baseUrl: sim.url,
  companyId: data.company.id,
  oauth: { ...DEFAULT_PROCORE_CREDENTIALS, grant: "client_credentials" },
  concurrency: 4,
  requestsPerSecond: Infinity,
  projectListTtlMs: 0,
});
for (let k = 0; k < 8; k++) {
  const t0 = performance.now();
  let n = 0;
  for await (const p of c.scan({
    entitySet: "RFIs",
    signal: new AbortController().signal,
    deadline: Date.now() + 60000,
  }))
    n += p.rows.length;
  console.log("scan", n, Math.round(performance.now() - t0));
}
await sim.close();
