/**
 * `headgate admin ...`: the admin API's operations from a terminal, on the store this machine
 * is configured with. It runs the very operations the /admin routes run, so both doors accept
 * and refuse the same things. Exit codes: 0 done, 1 refused or failed, 2 not a valid command.
 */
import { didYouMean, ODataError } from "@headgate/odata";
import type { CliIo } from "../commands/cli-io.ts";
import { assertOptions, flag, type OptionName, parseArguments, single } from "./admin-arguments.ts";
import { type AdminSession, openAdminSession } from "./admin-session.ts";
import { ADMIN_USAGE } from "./admin-usage.ts";
import { auditCommand } from "./audit-command.ts";
import type { CommandInput } from "./command-input.ts";
import { CommandOutput } from "./command-output.ts";
import {
  addConnectionCommand,
  entitySetsCommand,
  listConnectionsCommand,
  removeConnectionCommand,
  showConnectionCommand,
  testConnectionCommand,
  updateConnectionCommand,
} from "./connection-commands.ts";
import { createKeyCommand, listKeysCommand, revokeKeyCommand } from "./key-commands.ts";
import { UsageError } from "./usage-error.ts";
import {
  createWorkspaceCommand,
  listWorkspacesCommand,
  removeWorkspaceCommand,
} from "./workspace-commands.ts";

interface Command {
  readonly options: readonly OptionName[];
  readonly run: (input: CommandInput) => Promise<number>;
}

const SECRET_OPTIONS: readonly OptionName[] = ["secret", "secret-env", "no-test"];

const COMMANDS: Readonly<Record<string, Readonly<Record<string, Command>>>> = {
  connections: {
    list: { options: [], run: listConnectionsCommand },
    show: { options: [], run: showConnectionCommand },
    add: { options: ["name", "kind", "setting", ...SECRET_OPTIONS], run: addConnectionCommand },
    update: {
      options: ["name", "kind", "setting", "unset-setting", "remove-secret", ...SECRET_OPTIONS],
      run: updateConnectionCommand,
    },
    remove: { options: [], run: removeConnectionCommand },
    test: { options: [], run: testConnectionCommand },
    "entity-sets": { options: [], run: entitySetsCommand },
  },
  keys: {
    list: { options: [], run: listKeysCommand },
    create: { options: ["name", "scope"], run: createKeyCommand },
    revoke: { options: [], run: revokeKeyCommand },
  },
  audit: { "": { options: ["limit", "before", "door"], run: auditCommand } },
  workspaces: {
    list: { options: [], run: listWorkspacesCommand },
    create: { options: [], run: createWorkspaceCommand },
    remove: { options: [], run: removeWorkspaceCommand },
  },
};

export type AdminIo = Omit<CliIo, "cwd"> & { readonly cwd?: string };

export async function runAdminCommand(argv: string[], io: AdminIo): Promise<number> {
  const out = new CommandOutput(io, argv.includes("--json"));
  let session: AdminSession | undefined;
  try {
    const args = parseArguments(argv);
    if (flag(args, "help") || args.positionals.length === 0) {
      (flag(args, "help") ? io.stdout : io.stderr).write(`${ADMIN_USAGE}\n`);
      return flag(args, "help") ? 0 : 2;
    }
    const { command, name, rest } = chooseCommand(args.positionals);
    assertOptions(args, name, command.options);
    session = await openAdminSession({
      env: io.env,
      cwd: io.cwd ?? process.cwd(),
      workspace: single(args, "workspace"),
      config: single(args, "config"),
    });
    const opened = session;
    const input: CommandInput = {
      args: { ...args, positionals: rest },
      out,
      env: io.env,
      session: opened,
      workspace: () => opened.workspace(),
    };
    return await command.run(input);
  } catch (error) {
    return report(error, out);
  } finally {
    await session?.close();
  }
}

function chooseCommand(positionals: readonly string[]): { command: Command; name: string; rest: string[] } {
  const [group = "", action, ...rest] = positionals;
  const actions = COMMANDS[group];
  if (actions === undefined)
    throw new UsageError(
      `unknown command '${group}'${didYouMean(group, Object.keys(COMMANDS)) || `; the commands are ${Object.keys(COMMANDS).join(", ")}.`}`,
    );
  const single = actions[""];
  if (single) return { command: single, name: group, rest: action === undefined ? rest : [action, ...rest] };
  const names = Object.keys(actions);
  if (action === undefined) throw new UsageError(`'${group}' needs one of: ${names.join(", ")}.`);
  const chosen = actions[ALIASES[action] ?? action];
  if (chosen === undefined)
    throw new UsageError(
      `unknown command '${group} ${action}'${didYouMean(action, names) || `; '${group}' has ${names.join(", ")}.`}`,
    );
  return { command: chosen, name: `${group} ${action}`, rest };
}

const ALIASES: Readonly<Record<string, string>> = { delete: "remove", rm: "remove", ls: "list" };

function report(error: unknown, out: CommandOutput): number {
  if (error instanceof UsageError) {
    out.error(
      `headgate admin: ${error.message}\nRun \`headgate admin --help\` for the commands and options.`,
    );
    return 2;
  }
  if (error instanceof ODataError) {
    out.error(`headgate admin: ${error.message}`);
    if (out.json) out.error(JSON.stringify(error.toJSON()));
    return 1;
  }
  throw error;
}
