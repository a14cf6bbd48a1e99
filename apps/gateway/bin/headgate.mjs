#!/usr/bin/env node
// The `headgate` executable. The gateway runs from its TypeScript sources, so this file loads
// tsx's loader into this very process (no second process to relay signals to, so Ctrl-C reaches
// the gateway once) and hands over to the CLI. It resolves everything from its own real location,
// so it works from a checkout, through a symlink on PATH and from any working directory.
import { fileURLToPath } from "node:url";
import { holdSignals } from "./early-signals.mjs";

// First of all, before the loader and the gateway's modules load (early-signals.mjs says why).
holdSignals();
const { register } = await import("tsx/esm/api");
// The gateway's compiler settings, not whatever tsconfig.json happens to be in the caller's directory.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/headgate.ts");
