/** `headgate serve [--config FILE]`: the production server; refuses to start on bad settings. */
import { parseArgs } from "node:util";
import { ConfigError } from "@headgate/config";
import { StoreError } from "@headgate/store";
import { readServeSettings, ServeSettingsError } from "../../serve/serve-settings.ts";
import { startServe } from "../../serve/start-serve.ts";
import { HEADGATE_VERSION } from "../../version.ts";
import type { CliIo } from "./cli-io.ts";
import { stopOnSignals } from "./stop-on-signals.ts";

export async function runServeCommand(args: readonly string[], io: CliIo): Promise<number | undefined> {
  const { values } = parseArgs({ args: [...args], options: { config: { type: "string" } } });
  try {
    const settings = readServeSettings(io.env, { config: values.config }, io.cwd);
    const stopper = stopOnSignals({ name: "headgate serve", stderr: io.stderr });
    const server = await startServe(settings, io.env, HEADGATE_VERSION);
    stopper.started(() => server.close());
    return undefined;
  } catch (error) {
    if (error instanceof ServeSettingsError || error instanceof ConfigError || error instanceof StoreError) {
      io.stderr.write(
        `${error instanceof ServeSettingsError ? error.message : `headgate serve cannot start: ${error.message}`}\n`,
      );
      return 1;
    }
    throw error;
  }
}
