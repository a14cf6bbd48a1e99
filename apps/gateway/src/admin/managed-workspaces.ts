/**
 * One rule for the admin API and the CLI alike: a workspace that a configuration declares (a
 * headgate.yaml, the demo's) is managed by it. The gateway applies that configuration again at
 * every start, so a change made here to the workspace or its connections would be undone; both
 * doors refuse it with the same error, naming the configuration.
 *
 * What manages a workspace is recorded in the store by the gateway that applies the
 * configuration, so every process sharing the store knows it. The CLI also counts the
 * configuration file it is given (--config), which a gateway may not have applied yet.
 */
import type { Workspace } from "@headgate/store";
import { GatewayError } from "../errors/gateway-error.ts";

export interface ManagedWorkspaceRule {
  /** What a configuration this process was given declares a workspace managed by, if it does. */
  readonly configDeclares?: (workspaceName: string) => string | undefined;
}

/** What manages the workspace, or undefined when the admin API and the CLI do. */
export function managerOf(rule: ManagedWorkspaceRule, workspace: Workspace): string | undefined {
  return workspace.managedBy ?? rule.configDeclares?.(workspace.name);
}

/** `refused`: what cannot be done, e.g. "its connections cannot be changed". */
export function assertNotManaged(
  rule: ManagedWorkspaceRule,
  workspace: Workspace,
  refused: string,
  instead: string,
): void {
  const manager = managerOf(rule, workspace);
  if (manager === undefined) return;
  throw new GatewayError(
    "ManagedByConfig",
    `Workspace '${workspace.name}' is managed by ${manager}, which the gateway applies again at every start, so ${refused} through the admin API or the CLI: the change would be undone. ${instead}`,
    "workspace",
  );
}
