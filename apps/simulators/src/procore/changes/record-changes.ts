/**
 * Changing records the way a Procore user would, for tests and benchmarks: every change goes
 * through the store (so the API shows it at once) and is then published, which is what delivers
 * webhooks for it. Reachable in process (`definition.changes`) and over HTTP (change-routes.ts).
 */
import { ProcoreError } from "../http/procore-error.ts";
import type { ChangeResult, ProcoreStore, RecordChange } from "../store/procore-store.ts";
import type { Fields } from "../store/record-fields.ts";
import { PROJECT_RECORD_KINDS, type ProjectRecordKind } from "../store/record-kinds.ts";
import type { ChangeableRecord, StoredProject } from "../store/stored-records.ts";

export interface ProcoreChanges {
  createProject(fields?: Fields): StoredProject;
  updateProject(projectId: number, fields: Fields): StoredProject;
  deleteProject(projectId: number): StoredProject;
  create(kind: ProjectRecordKind, projectId: number, fields?: Fields): ChangeableRecord;
  update(kind: ProjectRecordKind, projectId: number, id: number, fields: Fields): ChangeableRecord;
  delete(kind: ProjectRecordKind, projectId: number, id: number): ChangeableRecord;
}

export function recordChanges(store: ProcoreStore, publish: (change: RecordChange) => void): ProcoreChanges {
  const commit = <T>({ record, change }: ChangeResult<T>): T => {
    publish(change);
    return record;
  };
  return {
    createProject: (fields = {}) => commit(store.createProject(fields)),
    updateProject: (projectId, fields) => commit(store.updateProject(projectId, fields)),
    deleteProject: (projectId) => commit(store.deleteProject(projectId)),
    create: (kind, projectId, fields = {}) =>
      commit(store.createRecord(PROJECT_RECORD_KINDS[kind], projectId, fields)),
    update: (kind, projectId, id, fields) =>
      commit(store.updateRecord(PROJECT_RECORD_KINDS[kind], projectId, id, fields)),
    delete: (kind, projectId, id) => commit(store.deleteRecord(PROJECT_RECORD_KINDS[kind], projectId, id)),
  };
}

/** The kind a path segment names; anything else is a 404 that lists the kinds. */
export function projectRecordKind(segment: string): ProjectRecordKind {
  if (Object.hasOwn(PROJECT_RECORD_KINDS, segment)) return segment as ProjectRecordKind;
  const kinds = Object.keys(PROJECT_RECORD_KINDS).join(", ");
  throw new ProcoreError(404, `Unknown record kind '${segment}'. Kinds: ${kinds}`);
}
