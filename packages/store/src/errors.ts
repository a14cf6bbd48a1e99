/**
 * Errors the store raises, in the one error model (`ODataError`). Messages name the thing and
 * the fix (the duplicate name, the variable to set, the expected format) and never carry a
 * secret value: a secret's name may appear, its value never does.
 */
import { ODataError } from "@headgate/odata";

export type StoreErrorCode =
  /** The caller's input breaks a rule (a name, a scope, a settings object). */
  | "InvalidInput"
  /** The process is configured wrongly (database URL, secret key, key file permissions). */
  | "InvalidConfiguration"
  /** No such row in this workspace (rows of other workspaces are reported the same way). */
  | "NotFound"
  /** A name is already taken. */
  | "Conflict"
  /** Stored secrets are encrypted under a key this process does not hold. */
  | "SecretKeyMismatch"
  /** The database failed or is unreachable. */
  | "StorageUnavailable";

const STATUS: Record<StoreErrorCode, number> = {
  InvalidInput: 400,
  InvalidConfiguration: 500,
  NotFound: 404,
  Conflict: 409,
  SecretKeyMismatch: 500,
  StorageUnavailable: 503,
};

export class StoreError extends ODataError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, target?: string, cause?: unknown) {
    super({ code, message, status: STATUS[code], ...(target === undefined ? {} : { target }) });
    if (cause !== undefined) this.cause = cause;
  }
}

/** A validation failure, naming the offending field. */
export function invalidInput(target: string, message: string): StoreError {
  return new StoreError("InvalidInput", message, target);
}

export function notFound(what: string, id: string): StoreError {
  return new StoreError("NotFound", `${what} '${id}' does not exist in this workspace.`, id);
}
