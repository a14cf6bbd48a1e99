/** Why a `where` clause was refused; the query answers these with the server's 400 body. */

export class WhereSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "WhereSyntaxError";
  }
}

/** Well-formed SQL the database would still reject: unknown fields, mismatched types. */
export class WhereSemanticError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WhereSemanticError";
  }
}

export type WhereError = WhereSyntaxError | WhereSemanticError;

export function isWhereError(error: unknown): error is WhereError {
  return error instanceof WhereSyntaxError || error instanceof WhereSemanticError;
}
