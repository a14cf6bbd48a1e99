export * from "./arcgis/index.ts";
export { runSimulators } from "./cli/run-simulators.ts";
export type { FaultSwitches } from "./core/faults.ts";
export { Faults } from "./core/faults.ts";
export type {
  FailureKind,
  RunningSimulator,
  SimulatorDefinition,
  StartOptions,
} from "./core/start-simulator.ts";
export { startSimulator } from "./core/start-simulator.ts";
export { bearerToken, TokenStore } from "./core/tokens.ts";
export type { DemoUpstreamOptions, DemoUpstreams } from "./demo/start-demo-upstreams.ts";
export { startDemoUpstreams } from "./demo/start-demo-upstreams.ts";
export * from "./graph/index.ts";
export * from "./procore/index.ts";
export * from "./sage/index.ts";
