export {
  generateSharepointData,
  SHAREPOINT_HOSTNAME,
  SHAREPOINT_TENANT_DOMAIN,
} from "./generate-sharepoint.ts";
export { graphDateOnly, graphDateTime } from "./graph-time.ts";
export type * from "./types.ts";
