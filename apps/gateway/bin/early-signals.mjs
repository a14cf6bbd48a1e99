// Ctrl-C while the gateway's modules are still loading (a second or two after `pnpm start`) would
// kill the process before any command has installed its own handling, and pnpm or npm would then
// report a failure. The executable holds SIGINT and SIGTERM from its first line; the command takes
// them over (stop-on-signals.ts) or lets them go (every other command), and either way learns of a
// signal that came meanwhile. Plain JavaScript, so that it runs before the TypeScript loader.

/** @type {NodeJS.Signals[]} */
const received = [];
/** @param {NodeJS.Signals} signal */
const hold = (signal) => {
  received.push(signal);
};

/** From now on a SIGINT or SIGTERM is remembered instead of ending the process. */
export function holdSignals() {
  process.on("SIGINT", hold);
  process.on("SIGTERM", hold);
}

/** Stops holding signals; returns the ones that came while they were held, first first. */
export function releaseSignals() {
  process.off("SIGINT", hold);
  process.off("SIGTERM", hold);
  return received.splice(0);
}
