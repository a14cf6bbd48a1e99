/**
 * The `headgate` command: one entry for every way of running the gateway. Each subcommand lives
 * in its own module; this file only dispatches and turns errors into messages and exit codes.
 * A subcommand's module is loaded when it runs, so `help` and `mcp` do not load the demo world.
 * Run it through the package's bin (`bin/headgate.mjs`), which loads the TypeScript loader first.
 */
import { didYouMean, ODataError } from "@headgate/odata";
import { releaseSignals } from "../../bin/early-signals.mjs";

const USAGE = `Usage: headgate <command> [options]

  demo                 the demo: simulated upstreams + gateway with every door (what \`pnpm start\` runs)
  serve [--config F]   the production server (DATABASE_URL, REDIS_URL, HEADGATE_SECRET_KEY, HEADGATE_PUBLIC_URL)
  mcp [--workspace W]  the MCP server on stdio, for Claude Desktop, Claude Code and Cursor
  simulators           the demo upstreams alone (Procore, ArcGIS, Graph, Sage) on fixed ports
  admin ...            connections, API keys and the audit log (\`headgate admin --help\`)
  query "<text>"       answer one OData query locally, e.g. headgate query "Jobs?\\$top=3" --workspace demo
  explain "<text>"     what a query would push upstream and what would run in the gateway
  metadata [--json]    the workspace's $metadata (CSDL XML, or CSDL JSON)

Environment: PORT, HOST, HEADGATE_PUBLIC_URL, HEADGATE_API_KEY, HEADGATE_DATA_DIR (default .headgate),
DATABASE_URL, REDIS_URL, HEADGATE_SECRET_KEY, HEADGATE_CONFIG. See the README.`;

const COMMANDS = ["demo", "serve", "mcp", "simulators", "admin", "query", "explain", "metadata", "help"];
/** The servers, which take over the signals the executable holds while loading (stop-on-signals.ts). */
const STOPPED_BY_SIGNALS = new Set(["demo", "serve"]);

export async function main(argv: readonly string[]): Promise<number | undefined> {
  const [command = "help", ...rest] = argv;
  if (!STOPPED_BY_SIGNALS.has(command)) endOnHeldSignal();
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
  switch (command) {
    case "demo":
      return (await import("./commands/demo-command.ts")).runDemoCommand(rest, io);
    case "serve":
      return (await import("./commands/serve-command.ts")).runServeCommand(rest, io);
    case "mcp":
      return (await import("./commands/mcp-command.ts")).runMcpCommand(rest, io);
    case "simulators":
      return (await import("./commands/simulators-command.ts")).runSimulatorsCommand(rest);
    case "admin":
      return (await import("./admin/run-admin-command.ts")).runAdminCommand([...rest], io);
    case "query":
    case "explain":
    case "metadata":
      return (await import("./commands/query-command.ts")).runQueryCommand(command, rest, io);
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      io.stderr.write(
        `headgate: unknown command '${command}'${didYouMean(command, COMMANDS) || "."}\n\n${USAGE}\n`,
      );
      return 2;
  }
}

/** Signals go back to their default, which ends the process; one that came while loading does so now. */
function endOnHeldSignal(): void {
  const [signal] = releaseSignals();
  if (signal !== undefined) process.kill(process.pid, signal);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof ODataError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`headgate: ${message}\n`);
    process.exitCode = 1;
  },
);
