/**
 * The doors' audit entries on their way to the store. Entries wait at most `delayMs` and are
 * written together, one statement per batch, so a busy gateway does not pay a database write
 * per request. The cost: entries still waiting when the process dies abruptly (SIGKILL, power
 * loss) are lost; a graceful stop (`close`) writes them first. A batch the store refuses is
 * retried entry by entry, so one bad entry never costs the others.
 *
 * Reading the log through this gateway (`/admin/audit`, `headgate admin audit`) flushes first,
 * so a replica always shows its own entries.
 */
import type { NewAuditEntry, Store } from "@headgate/store";
import type { Logger } from "../workspaces/workspace-engines.ts";

export interface AuditTrailOptions {
  /** Longest an entry waits before it is written (default 50 ms; 0 writes each at once). */
  readonly delayMs?: number;
  /** A batch this large is written without waiting (default 500). */
  readonly maxBatch?: number;
}

interface Pending {
  readonly entry: NewAuditEntry;
  readonly log: Logger;
}

export class AuditTrail {
  readonly #store: Store;
  readonly #delayMs: number;
  readonly #maxBatch: number;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(store: Store, options: AuditTrailOptions = {}) {
    this.#store = store;
    this.#delayMs = options.delayMs ?? 50;
    this.#maxBatch = options.maxBatch ?? 500;
  }

  /** Queues an entry; never throws and never delays the answer it describes. */
  record(entry: NewAuditEntry, log: Logger): void {
    this.#pending.push({ entry, log });
    if (this.#pending.length >= this.#maxBatch || this.#delayMs <= 0) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Writes every entry queued so far; resolves once they are stored (or logged as lost). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    // Batches are written in order, one at a time, so entries reach the log as they were made.
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  async #write(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.#store.audit.recordMany(batch.map((p) => p.entry));
    } catch {
      for (const { entry, log } of batch) {
        await this.#store.audit.record(entry).catch((error: unknown) => {
          log.warn({ err: error, door: entry.door }, "could not write the audit entry");
        });
      }
    }
  }
}
