/**
 * `pnpm simulators`: runs the demo world's upstreams standalone and prints their base URLs and
 * credentials, until Ctrl-C. Options: --scale N, --seed N, --sage-file PATH, --base-port N
 * (Procore on N, ArcGIS on N+1, Graph on N+2; default 4100). Also `headgate simulators`.
 */
import { parseArgs } from "node:util";
import { startDemoUpstreams } from "../demo/start-demo-upstreams.ts";

export async function runSimulators(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      scale: { type: "string", default: "1" },
      seed: { type: "string" },
      "sage-file": { type: "string", default: ".data/sage-demo.sqlite" },
      "base-port": { type: "string", default: "4100" },
    },
  });

  const base = Number(values["base-port"]);
  const scale = Number(values.scale);
  if (!Number.isInteger(base) || base < 1 || base > 65_000 || !(scale > 0)) {
    process.stderr.write("simulators: --base-port must be a port number and --scale a positive number\n");
    process.exitCode = 2;
    return;
  }
  const sageFile = values["sage-file"];
  if (sageFile && sageFile !== ":memory:") {
    const { mkdirSync, rmSync } = await import("node:fs");
    const { dirname } = await import("node:path");
    mkdirSync(dirname(sageFile), { recursive: true });
    rmSync(sageFile, { force: true });
  }
  process.stdout.write(`Generating the demo company (scale ${scale}) and starting its upstreams...\n`);
  const upstreams = await startDemoUpstreams({
    scale,
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
    ports: { procore: base, arcgis: base + 1, graph: base + 2 },
    ...(sageFile ? { sageFile } : {}),
  });
  const { company, procore, arcgis, graph, sage } = upstreams;
  process.stdout.write(`
${company.name}: ${company.projects.length} projects, ${company.vendors.length} vendors (seed ${company.seed}, scale ${company.scale})

Procore      ${procore.url}/rest/v1.0   token: POST ${procore.url}/oauth/token
             client_id=${procore.credentials.clientId} client_secret=${procore.credentials.clientSecret}
             Procore-Company-Id: ${procore.credentials.companyId}
ArcGIS       ${arcgis.serviceUrl}
             token: POST ${arcgis.url}/arcgis/tokens/generateToken username=${arcgis.credentials.username} password=${arcgis.credentials.password}
Graph        ${graph.url}/v1.0   token: POST ${graph.url}/${graph.credentials.tenantId}/oauth2/v2.0/token
             client_id=${graph.credentials.clientId} client_secret=${graph.credentials.clientSecret}
Sage 300 CRE SQLite database ${sage.file} (${Object.entries(sage.rowCounts)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ")})

Fault switches: PUT <base URL>/_simulator/faults with JSON, e.g. {"rateLimit":{"times":3,"retryAfterSeconds":2}}
Press Ctrl-C to stop.
`);
  const stop = async () => {
    await upstreams.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
