/** A Sage database could not be built as asked (bad options, not a failure of the database). */
export class SageLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SageLoadError";
  }
}
