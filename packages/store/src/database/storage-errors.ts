/**
 * Driver errors, recognised by their codes and turned into the error model. The database never
 * sees a plaintext secret (values are sealed before they are written, API keys are hashed), so
 * a driver message cannot leak one; we still keep driver text out of the client-facing message
 * and attach the original as `cause` for operators.
 */
import { StoreError } from "../errors.ts";

interface DriverError {
  readonly code?: unknown;
  readonly message?: unknown;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as DriverError).code;
  return typeof code === "string" ? code : undefined;
}

/** A unique or primary-key constraint refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Anything that is not already a `StoreError` becomes `StorageUnavailable`. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = codeOf(error);
  return new StoreError(
    "StorageUnavailable",
    `The configuration database failed${code === undefined ? "" : ` (${code})`}; check that it is reachable and retry.`,
    undefined,
    error,
  );
}

/** Runs a storage operation so that every failure reaches the caller as a `StoreError`. */
export async function withStorageErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error);
  }
}

/** A foreign key refused the write: the row points at a parent that does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
