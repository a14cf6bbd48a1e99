/** `pnpm simulators`: see run-simulators.ts. */
import { runSimulators } from "./run-simulators.ts";

await runSimulators(process.argv.slice(2));
