import { accessSync, constants, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headgateBin, runHeadgate } from "../testing/headgate-process.ts";

let dir: string;
let binDir: string;
let elsewhere: string;
let onPath: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-bin-"));
  binDir = join(dir, "bin");
  elsewhere = join(dir, "somewhere-else");
  await mkdir(binDir);
  await mkdir(elsewhere);
  // What a package manager does on install: a link named after the bin, on PATH.
  await symlink(headgateBin(), join(binDir, "headgate"));
  onPath = { PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the headgate executable (the package's bin)", () => {
  it("is a file the system can execute", () => {
    expect(() => accessSync(headgateBin(), constants.X_OK)).not.toThrow();
  });

  it("runs `headgate help` from PATH, through a symlink, in a directory outside the checkout", async () => {
    const run = runHeadgate(["help"], {
      command: "headgate",
      cwd: elsewhere,
      env: onPath,
    });
    const { code } = await run.exit;
    expect(run.stderr()).toBe("");
    expect(code).toBe(0);
    expect(run.stdout()).toContain("Usage: headgate <command>");
  });

  it("holds a Ctrl-C that comes while the modules load, for the command to act on", async () => {
    const earlySignals = pathToFileURL(join(dirname(headgateBin()), "early-signals.mjs")).href;
    const script = `
      const { holdSignals, releaseSignals } = await import(${JSON.stringify(earlySignals)});
      holdSignals();
      const alive = setInterval(() => {}, 60_000); // a signal is delivered through the event loop
      process.once("SIGINT", () => {
        clearInterval(alive);
        setImmediate(() => console.log(JSON.stringify(releaseSignals())));
      });
      process.kill(process.pid, "SIGINT");`;
    const run = runHeadgate(["--input-type=module", "--eval", script], { command: process.execPath });
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(JSON.parse(run.stdout())).toEqual(["SIGINT"]);
  });

  it("answers an unknown command with exit code 2 and a did-you-mean", async () => {
    const run = runHeadgate(["admni"], { cwd: elsewhere });
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toContain("unknown command 'admni'");
    expect(run.stderr()).toContain("did you mean 'admin'");
  });
});

describe("the stdio configurations docs/mcp.md gives each client", () => {
  const launches = stdioLaunches(
    readFileSync(join(import.meta.dirname, "../../../../docs/mcp.md"), "utf8"),
  ).filter((launch) => launch.command === "headgate");
  /** Stands for the checkout the docs call /path/to/headgate, with the demo's store. */
  let checkout: string;
  beforeAll(async () => {
    checkout = join(dir, "headgate");
    const created = runHeadgate(["admin", "workspaces", "create", "demo"], {
      cwd: elsewhere,
      env: { HEADGATE_DATA_DIR: join(checkout, ".headgate") },
    });
    expect((await created.exit).code, created.stderr()).toBe(0);
  });

  it("cover Claude Code, Claude Desktop and Cursor", () => {
    expect(launches.map((launch) => launch.client)).toEqual(["Claude Code", "Claude Desktop", "Cursor"]);
  });

  it.each(launches)("$client: starts as written and answers the MCP handshake", async (launch) => {
    const env = Object.fromEntries(
      Object.entries(launch.env).map(([name, value]) => [name, value.replace("/path/to/headgate", checkout)]),
    );
    const run = runHeadgate(launch.args, {
      command: launch.command,
      cwd: elsewhere,
      env: { ...env, ...onPath },
    });
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "docs", version: "1" } },
    };
    run.child.stdin.write(`${JSON.stringify(initialize)}\n`);
    await run.printed('"id":1');
    const [answer] = run.stdout().trim().split("\n");
    expect(JSON.parse(answer ?? "")).toMatchObject({ id: 1, result: { serverInfo: { name: "headgate" } } });
    run.child.stdin.end();
    expect((await run.exit).code).toBe(0);
    expect(run.stderr()).toContain("serving workspace 'demo'");
  });
});

/** How docs/mcp.md tells each client to start `headgate mcp` over stdio. */
interface StdioLaunch {
  readonly client: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The `mcpServers` entries with a command in the JSON blocks, and the `claude mcp add ... -- ...` lines. */
function stdioLaunches(markdown: string): StdioLaunch[] {
  const launches: StdioLaunch[] = [];
  let client = "";
  const blocks = markdown.split(/^```/m);
  blocks.forEach((block, index) => {
    const inCode = index % 2 === 1;
    if (!inCode) {
      const headings = [...block.matchAll(/^## (.+)$/gm)];
      client = headings.at(-1)?.[1] ?? client;
      return;
    }
    const [language, ...lines] = block.split("\n");
    const body = lines.join("\n");
    if (language === "json") {
      const servers = (JSON.parse(body) as { mcpServers: Record<string, Partial<StdioLaunch>> }).mcpServers;
      for (const server of Object.values(servers)) {
        if (server.command === undefined) continue;
        launches.push({ client, command: server.command, args: server.args ?? [], env: server.env ?? {} });
      }
      return;
    }
    for (const line of body.replace(/\\\n/g, " ").split("\n")) {
      const words = line.trim().split(/\s+/);
      if (words.slice(0, 3).join(" ") !== "claude mcp add" || !words.includes("--")) continue;
      expect(line, "the test reads commands without shell quoting").not.toMatch(/["'$]/);
      const options = words.slice(0, words.indexOf("--"));
      const env = Object.fromEntries(
        options.flatMap((word, i) =>
          options[i - 1] === "--env" ? [word.split("=", 2) as [string, string]] : [],
        ),
      );
      const [command = "", ...args] = words.slice(words.indexOf("--") + 1);
      launches.push({ client, command, args, env });
    }
  });
  return launches;
}
