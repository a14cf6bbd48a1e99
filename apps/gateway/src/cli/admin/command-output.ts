/**
 * Where an admin command writes: results to stdout (a table or a few lines for people, the
 * same records as the admin API with --json), progress and notes to stderr when stdout is
 * JSON, so `--json` output always parses.
 */
import type { CliIo } from "../commands/cli-io.ts";

export class CommandOutput {
  readonly #io: Pick<CliIo, "stdout" | "stderr">;
  readonly json: boolean;

  constructor(io: Pick<CliIo, "stdout" | "stderr">, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** The command's result: `value` as JSON with --json, else what `human` renders. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.#io.stdout.write(`${human()}\n`);
  }

  /** A progress or advice line: stdout for people, stderr beside JSON. */
  progress(text: string): void {
    (this.json ? this.#io.stderr : this.#io.stdout).write(`${text}\n`);
  }

  error(text: string): void {
    this.#io.stderr.write(`${text}\n`);
  }
}
