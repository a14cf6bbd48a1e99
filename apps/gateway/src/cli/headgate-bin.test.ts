import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headgateBin, runHeadgate } from "../testing/headgate-process.ts";

describe("the headgate executable (the package's bin)", () => {
  let dir: string;
  let binDir: string;
  let elsewhere: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "headgate-bin-"));
    binDir = join(dir, "bin");
    elsewhere = join(dir, "somewhere-else");
    await mkdir(binDir);
    await mkdir(elsewhere);
    // What a package manager does on install: a link named after the bin, on PATH.
    await symlink(headgateBin(), join(binDir, "headgate"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is a file the system can execute", () => {
    expect(() => accessSync(headgateBin(), constants.X_OK)).not.toThrow();
  });

  it("runs `headgate help` from PATH, through a symlink, in a directory outside the checkout", async () => {
    const run = runHeadgate(["help"], {
      command: "headgate",
      cwd: elsewhere,
      env: { PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` },
    });
    const { code } = await run.exit;
    expect(run.stderr()).toBe("");
    expect(code).toBe(0);
    expect(run.stdout()).toContain("Usage: headgate <command>");
  });

  it("answers an unknown command with exit code 2 and a did-you-mean", async () => {
    const run = runHeadgate(["admni"], { cwd: elsewhere });
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toContain("unknown command 'admni'");
    expect(run.stderr()).toContain("did you mean 'admin'");
  });
});
