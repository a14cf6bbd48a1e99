/**
 * The company's Procore records as the routes read them, and the one place they change. The
 * generated data is never modified (several simulators may share it): the store copies every list
 * it may change and replaces a record object whenever it changes one. A change sets `updated_at`
 * (and on delete `deleted_at`) from the simulator's clock and reports what happened, so the
 * caller can deliver webhooks for it.
 */
import {
  isoDateTime,
  type ProcoreBudgetView,
  type ProcoreCompany,
  type ProcoreData,
  type ProcoreTrade,
  type ProcoreVendor,
} from "@headgate/demo-world";
import { notFound } from "../http/procore-error.ts";
import { applyFields, type Fields, templateCopy } from "./record-fields.ts";
import { PROJECT_RECORD_KINDS, PROJECTS_RESOURCE_NAME, type RecordKind } from "./record-kinds.ts";
import {
  type ChangeableRecord,
  isDeleted,
  type ProjectEntry,
  type StoredProject,
  type StoredTools,
} from "./stored-records.ts";

export type ChangeType = "create" | "update" | "delete";

/** One committed change, as a webhook event describes it. */
export interface RecordChange {
  readonly eventType: ChangeType;
  readonly resourceName: string;
  readonly resourceId: number;
  /** The project the record belongs to (for a project itself, that project). */
  readonly projectId: number;
  /** Epoch milliseconds by the simulator's clock. */
  readonly at: number;
}

export interface ChangeResult<T> {
  readonly record: T;
  readonly change: RecordChange;
}

type MutableTools = { -readonly [K in keyof StoredTools]: StoredTools[K] };

export class ProcoreStore {
  readonly company: ProcoreCompany;
  readonly vendors: readonly ProcoreVendor[];
  readonly trades: readonly ProcoreTrade[];
  readonly budgetViews: readonly ProcoreBudgetView[];
  private readonly projectList: StoredProject[];
  private readonly projectsById = new Map<number, StoredProject>();
  private readonly toolsByProject = new Map<number, MutableTools>();
  private readonly lastIds = new Map<string, number>();

  constructor(
    data: ProcoreData,
    private readonly now: () => number,
  ) {
    this.company = data.company;
    this.vendors = data.vendors;
    this.trades = data.trades;
    this.budgetViews = data.budgetViews;
    this.projectList = [...data.projects];
    for (const project of this.projectList) this.projectsById.set(project.id, project);
    for (const tools of data.tools) this.toolsByProject.set(tools.projectId, { ...tools });
  }

  /** Every project, deleted ones too, ordered by id (list filters decide what is shown). */
  projects(): readonly StoredProject[] {
    return this.projectList;
  }

  /** A project that exists and is not deleted, with its tools. */
  entry(projectId: number): ProjectEntry | undefined {
    const project = this.projectsById.get(projectId);
    const tools = this.toolsByProject.get(projectId);
    return project && tools && !isDeleted(project) ? { project, tools } : undefined;
  }

  createRecord(kind: RecordKind, projectId: number, fields: Fields): ChangeResult<ChangeableRecord> {
    const tools = this.liveTools(projectId);
    const template = this.recordsOf(tools, kind)[0] ?? this.anyRecordOf(kind);
    if (!template) throw notFound();
    const id = this.nextId(kind);
    const stamp = isoDateTime(this.now());
    const record = templateCopy(template, fields, {
      id,
      projectId,
      projectName: this.projectName(projectId),
    });
    const deletable = Object.hasOwn(template, "deleted_at") ? { deleted_at: null } : {};
    const created = { ...record, created_at: stamp, updated_at: stamp, ...deletable };
    this.setRecords(tools, kind, [...this.recordsOf(tools, kind), created]);
    return { record: created, change: this.change("create", kind.resourceName, id, projectId) };
  }

  updateRecord(kind: RecordKind, projectId: number, id: number, fields: Fields) {
    return this.replaceRecord(kind, projectId, id, (record) => ({
      ...applyFields(record, fields),
      updated_at: isoDateTime(this.now()),
    }));
  }

  /** Soft delete; like Rails' paranoid deletes it touches `updated_at` too [inf]. */
  deleteRecord(kind: RecordKind, projectId: number, id: number) {
    const stamp = isoDateTime(this.now());
    return this.replaceRecord(kind, projectId, id, (record) => ({
      ...record,
      updated_at: stamp,
      deleted_at: stamp,
    }));
  }

  /** A new project, shaped like the company's first one, with empty tools. */
  createProject(fields: Fields): ChangeResult<StoredProject> {
    const template = this.projectList[0];
    if (!template) throw notFound();
    const id = Math.max(...this.projectList.map((p) => p.id)) + 1;
    const stamp = isoDateTime(this.now());
    const project = {
      ...templateCopy(template, fields, { id, projectId: id, projectName: template.name }),
      created_at: stamp,
      updated_at: stamp,
    };
    this.projectList.push(project);
    this.projectsById.set(id, project);
    this.toolsByProject.set(id, emptyTools(id));
    return { record: project, change: this.change("create", PROJECTS_RESOURCE_NAME, id, id) };
  }

  updateProject(id: number, fields: Fields): ChangeResult<StoredProject> {
    return this.replaceProject(id, "update", (project) => ({
      ...applyFields(project, fields),
      updated_at: isoDateTime(this.now()),
    }));
  }

  deleteProject(id: number): ChangeResult<StoredProject> {
    const stamp = isoDateTime(this.now());
    return this.replaceProject(id, "delete", (project) => ({
      ...project,
      updated_at: stamp,
      deleted_at: stamp,
    }));
  }

  private replaceRecord(
    kind: RecordKind,
    projectId: number,
    id: number,
    change: (record: ChangeableRecord) => ChangeableRecord,
  ): ChangeResult<ChangeableRecord> {
    const tools = this.liveTools(projectId);
    const records = this.recordsOf(tools, kind);
    const index = records.findIndex((r) => r.id === id && !isDeleted(r));
    const current = records[index];
    if (!current) throw notFound();
    const next = change(current);
    this.setRecords(tools, kind, records.with(index, next));
    const type = isDeleted(next) ? "delete" : "update";
    return { record: next, change: this.change(type, kind.resourceName, id, projectId) };
  }

  private replaceProject(
    id: number,
    type: ChangeType,
    change: (project: StoredProject) => StoredProject,
  ): ChangeResult<StoredProject> {
    if (!this.entry(id)) throw notFound();
    const index = this.projectList.findIndex((p) => p.id === id);
    const next = change(this.projectList[index] as StoredProject);
    this.projectList[index] = next;
    this.projectsById.set(id, next);
    return { record: next, change: this.change(type, PROJECTS_RESOURCE_NAME, id, id) };
  }

  private liveTools(projectId: number): MutableTools {
    const tools = this.entry(projectId) ? this.toolsByProject.get(projectId) : undefined;
    if (!tools) throw notFound();
    return tools;
  }

  // The kind tables guarantee each list holds records with ids and timestamps.
  private recordsOf(tools: StoredTools, kind: RecordKind): readonly ChangeableRecord[] {
    return tools[kind.list] as readonly ChangeableRecord[];
  }

  private setRecords(tools: MutableTools, kind: RecordKind, records: readonly ChangeableRecord[]): void {
    (tools as Record<string, unknown>)[kind.list] = records;
  }

  private anyRecordOf(kind: RecordKind): ChangeableRecord | undefined {
    for (const tools of this.toolsByProject.values()) {
      const first = this.recordsOf(tools, kind)[0];
      if (first) return first;
    }
    return undefined;
  }

  /** The next id in the kind's id space: past every id the space holds in any project. */
  private nextId(kind: RecordKind): number {
    const sharing = Object.values(PROJECT_RECORD_KINDS).filter((k) => k.idSpace === kind.idSpace);
    let last = this.lastIds.get(kind.idSpace) ?? 0;
    for (const tools of this.toolsByProject.values()) {
      for (const other of sharing) {
        for (const record of this.recordsOf(tools, other)) last = Math.max(last, record.id);
      }
    }
    this.lastIds.set(kind.idSpace, last + 1);
    return last + 1;
  }

  private projectName(projectId: number): string {
    return this.projectsById.get(projectId)?.name ?? "";
  }

  private change(eventType: ChangeType, resourceName: string, resourceId: number, projectId: number) {
    return { eventType, resourceName, resourceId, projectId, at: this.now() };
  }
}

function emptyTools(projectId: number): MutableTools {
  return {
    projectId,
    vendorIds: [],
    rfis: [],
    submittals: [],
    observations: [],
    budgetDetailRows: [],
    workOrderContracts: [],
    purchaseOrderContracts: [],
    changeOrderPackages: [],
    dailyLogHeaders: [],
  };
}
