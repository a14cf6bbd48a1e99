export {
  COMMITMENT_TYPES,
  JOB_STATUSES,
  SAGE_KEY_WIDTHS,
  TRANSACTION_TABLES,
  TRANSACTION_TYPES,
} from "./sage-tables.ts";
export type { Sage300Connector, Sage300ConnectorOptions } from "./sage300-connector.ts";
export { createSage300Connector } from "./sage300-connector.ts";
