/** From now on a SIGINT or SIGTERM is remembered instead of ending the process. */
export function holdSignals(): void;
/** Stops holding signals; returns the ones that came while they were held, first first. */
export function releaseSignals(): NodeJS.Signals[];
