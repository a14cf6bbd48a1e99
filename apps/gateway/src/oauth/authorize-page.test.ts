import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdminCommand } from "../cli/admin/run-admin-command.ts";
import { authorizePage } from "./authorize-page.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-sign-in-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const page = authorizePage(
  {
    clientId: "client",
    client: { name: "ChatGPT", redirectUris: ["https://chatgpt.com/connector/oauth/callback"] },
    redirectUri: "https://chatgpt.com/connector/oauth/callback",
    codeChallenge: "x".repeat(43),
    state: undefined,
  },
  {},
);

/** The commands the page tells the person to run, as they read them. */
function commandsOn(html: string): string[] {
  return [...html.matchAll(/<code>(headgate [^<]*)<\/code>/g)].map((m) =>
    (m[1] ?? "").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&"),
  );
}

async function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const [headgate, admin, ...argv] = command.split(/\s+/);
  expect([headgate, admin]).toEqual(["headgate", "admin"]);
  let stdout = "";
  let stderr = "";
  const code = await runAdminCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HEADGATE_DATA_DIR: join(dir, "data") },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe("the OAuth sign-in page", () => {
  it("tells the person a command that makes a key with the query scope, and it works as written", async () => {
    const [command] = commandsOn(page);
    expect(command).toBeDefined();
    const made = await run(command ?? "");
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("(scopes: query)");
    const key = /\n {2}(hg_\S+)\n/.exec(made.stdout)?.[1] ?? "";
    const store = await openStore({ dataDir: join(dir, "data") });
    try {
      expect((await store.apiKeys.authenticate(key))?.scopes).toEqual(["query"]);
    } finally {
      await store.close();
    }
  });

  it("names the option for another workspace, and the command takes it", async () => {
    expect(page).toContain("<code>--workspace &lt;name&gt;</code>");
    expect((await run("headgate admin workspaces create demo")).code).toBe(0);
    const [command] = commandsOn(page);
    const made = await run(`${command} --workspace demo`);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("in workspace 'demo'");
  });
});
