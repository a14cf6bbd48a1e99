/**
 * Records as the simulator keeps them once they can change. Procore deletes softly: a deleted
 * record keeps its row with `deleted_at` set and is shown only to `filters[include_deleted]`.
 * The demo world generates nothing deleted for RFIs, observations, submittals and projects, so
 * their generated shapes say `deleted_at: null` or have no such field; here it may hold a time.
 * For shapes without the field it is added only once the record is deleted, so a record nobody
 * touched is served exactly as generated.
 */
import type {
  ProcoreBudgetDetailRow,
  ProcoreChangeOrderPackage,
  ProcoreCommitment,
  ProcoreDailyLogHeader,
  ProcoreObservationItem,
  ProcoreProject,
  ProcoreRfi,
  ProcoreSubmittal,
} from "@headgate/demo-world";

export type Deletable<T> = Omit<T, "deleted_at"> & { readonly deleted_at?: string | null };

export type StoredProject = Deletable<ProcoreProject>;
export type StoredRfi = Deletable<ProcoreRfi>;
export type StoredSubmittal = Deletable<ProcoreSubmittal>;
export type StoredObservation = Deletable<ProcoreObservationItem>;

/** One project's tool records, as the routes read them. */
export interface StoredTools {
  readonly projectId: number;
  readonly vendorIds: readonly number[];
  readonly rfis: readonly StoredRfi[];
  readonly submittals: readonly StoredSubmittal[];
  readonly observations: readonly StoredObservation[];
  readonly budgetDetailRows: readonly ProcoreBudgetDetailRow[];
  readonly workOrderContracts: readonly ProcoreCommitment[];
  readonly purchaseOrderContracts: readonly ProcoreCommitment[];
  readonly changeOrderPackages: readonly ProcoreChangeOrderPackage[];
  readonly dailyLogHeaders: readonly ProcoreDailyLogHeader[];
}

/** A project with the records of its tools. */
export interface ProjectEntry {
  readonly project: StoredProject;
  readonly tools: StoredTools;
}

/** What every changeable record has. */
export interface ChangeableRecord {
  readonly id: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at?: string | null;
}

export function isDeleted(record: { readonly deleted_at?: string | null }): boolean {
  return record.deleted_at !== undefined && record.deleted_at !== null;
}
