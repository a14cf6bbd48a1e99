/**
 * The demo company's connections, pointed at the upstreams started in-process: the headgate.yaml
 * an admin would write for the same setup, built in code because the ports are ephemeral.
 */
import { DEFAULT_LIMITS, type HeadgateConfig } from "@headgate/config";
import type { DemoUpstreams } from "@headgate/simulators";

export const DEMO_WORKSPACE = "demo";

/** What manages the demo workspace, as refusals to change it say. */
export const DEMO_CONFIG_MANAGER = "the demo's built-in configuration (pnpm start)";

export function demoConfig(upstreams: DemoUpstreams): HeadgateConfig {
  return {
    version: 1,
    workspaces: [{ name: DEMO_WORKSPACE }],
    connections: [
      {
        name: "sage",
        workspace: DEMO_WORKSPACE,
        kind: "sage300",
        settings: { dialect: "sqlite", file: upstreams.sage.file },
        secrets: {},
      },
      {
        name: "procore",
        workspace: DEMO_WORKSPACE,
        kind: "procore",
        settings: {
          baseUrl: upstreams.procore.url,
          companyId: upstreams.procore.credentials.companyId,
          clientId: upstreams.procore.credentials.clientId,
          // Sage has Vendors and Commitments too; the prefix keeps both and says where rows come from.
          entitySetPrefix: "Procore_",
          concurrency: 8,
          requestsPerSecond: 200,
          // The gateway paces itself inside Procore's spike window; without one, it need not.
          rateLimit: upstreams.procore.spikeWindow
            ? {
                spikeLimit: upstreams.procore.spikeWindow.limit,
                spikeWindowSeconds: upstreams.procore.spikeWindow.seconds,
              }
            : { spikeLimit: 100_000, spikeWindowSeconds: 1 },
        },
        secrets: { clientSecret: upstreams.procore.credentials.clientSecret },
      },
    ],
    relationships: [
      {
        name: "ProcoreProject",
        workspace: DEMO_WORKSPACE,
        from: { connection: "sage", entitySet: "Jobs", property: "Job" },
        to: { connection: "procore", entitySet: "Procore_Projects", property: "project_number" },
        collection: false,
      },
      {
        name: "RFIs",
        workspace: DEMO_WORKSPACE,
        from: { connection: "procore", entitySet: "Procore_Projects", property: "id" },
        to: { connection: "procore", entitySet: "Procore_RFIs", property: "project_id" },
        collection: true,
      },
      {
        name: "SageJob",
        workspace: DEMO_WORKSPACE,
        from: { connection: "procore", entitySet: "Procore_Projects", property: "project_number" },
        to: { connection: "sage", entitySet: "Jobs", property: "Job" },
        collection: false,
      },
    ],
    limits: DEFAULT_LIMITS,
  };
}
