export type { GraphSimulatorDefinition, GraphSimulatorOptions } from "./graph-simulator.ts";
export { DEFAULT_GRAPH_CREDENTIALS, graphSimulator } from "./graph-simulator.ts";
export type { IndexedColumns } from "./graph-store.ts";
