import { generateCompany, generateProcoreData } from "@headgate/demo-world";
import { DEFAULT_PROCORE_CREDENTIALS, procoreSimulator, startSimulator } from "@headgate/simulators";
import { createProcoreConnector } from "../../packages/connectors/procore/src/index.ts";
const data = generateProcoreData(generateCompany({ scale: 8 }));
const sim = await startSimulator(procoreSimulator(data, { perPageMax: 100, rateLimitPerHour: 1e12 }));
const c = createProcoreConnector({ baseUrl: sim.url, companyId: data.company.id, oauth: { ...DEFAULT_PROCORE_CREDENTIALS, grant: "client_credentials" }, concurrency: 4, requestsPerSecond: Infinity, projectListTtlMs: 0 });
const tok = await (await fetch(`${sim.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: DEFAULT_PROCORE_CREDENTIALS.clientId, client_secret: DEFAULT_PROCORE_CREDENTIALS.clientSecret }).toString() })).json() as { access_token: string };
const headers = { accept: "application/json", authorization: `Bearer ${tok.access_token}`, "Procore-Company-Id": String(data.company.id) };
async function hand() {
  const all = async (first: string) => { const out: unknown[] = []; for (let url: string | undefined = first; url;) { const r = await fetch(url, { headers }); out.push(...(await r.json() as unknown[])); url = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "")?.[1]; } return out as Record<string, unknown>[]; };
  const projects = await all(`${sim.url}/rest/v1.0/projects?company_id=${data.company.id}&filters[by_status]=All&per_page=1000`);
  const q = projects.map((p) => p.id as number); let n = 0;
  await Promise.all(Array.from({ length: 4 }, async () => { for (let id = q.shift(); id !== undefined; id = q.shift()) { const r = await all(`${sim.url}/rest/v1.0/projects/${id}/rfis?per_page=1000`); n += r.length; } }));
  return n;
}
async function conn() { let n = 0; for await (const p of c.scan({ entitySet: "RFIs", signal: new AbortController().signal, deadline: Date.now() + 60000 })) n += p.rows.length; return n; }
const a: number[] = [], b: number[] = [];
for (let k = 0; k < 12; k++) {
  let t0 = performance.now(); await conn(); a.push(Math.round(performance.now() - t0));
  t0 = performance.now(); await hand(); b.push(Math.round(performance.now() - t0));
}
console.log("conn", a.join(" ")); console.log("hand", b.join(" "));
await sim.close();
