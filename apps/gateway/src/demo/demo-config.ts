/**
 * The demo company's connections, pointed at the upstreams started in-process: the headgate.yaml
 * an admin would write for the same setup, built in code because the ports are ephemeral.
 */
import { DEFAULT_LIMITS, type HeadgateConfig } from "@headgate/config";
import type { DemoUpstreams } from "@headgate/simulators";

export const DEMO_WORKSPACE = "demo";

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
    ],
    relationships: [],
    limits: DEFAULT_LIMITS,
  };
}
