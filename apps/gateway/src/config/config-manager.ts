/**
 * How a configuration names itself as the manager of the workspaces it declares (recorded in the
 * store, quoted in refusals): precisely enough for an operator to find it.
 */
import { resolve } from "node:path";

export function configFileManager(path: string): string {
  return `the configuration file ${resolve(path)}`;
}

/** An inline configuration that does not say what it is. */
export const INLINE_CONFIG_MANAGER = "the configuration the gateway was started with";
