/** What every admin subcommand receives: its arguments, its output, the environment and its workspace. */
import type { Workspace } from "@headgate/store";
import type { AdminContext } from "../../admin/admin-context.ts";
import type { ParsedArguments } from "./admin-arguments.ts";
import type { AdminSession } from "./admin-session.ts";
import type { CommandOutput } from "./command-output.ts";

export interface CommandInput {
  /** Positionals after the command words, and the options. */
  readonly args: ParsedArguments;
  readonly out: CommandOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly session: AdminSession;
  /** The workspace the command acts on (--workspace), with its admin context. */
  readonly workspace: () => Promise<{ readonly workspace: Workspace; readonly context: AdminContext }>;
}
