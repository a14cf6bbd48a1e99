/** `headgate simulators`: the demo upstreams standalone (the same as `pnpm simulators`). */
import { runSimulators } from "@headgate/simulators";

export async function runSimulatorsCommand(args: readonly string[]): Promise<number | undefined> {
  await runSimulators(args);
  // The simulators keep running until Ctrl-C; no exit code until then.
  return undefined;
}
