/**
 * Buffers rows for one table and inserts them in batches, so a stream of any length is loaded
 * with at most one batch in memory. Each batch is one multi-row `INSERT ... VALUES (?...), (?...)`
 * with bound values (knex's own multi-row insert for SQLite is a compound SELECT, capped at 500
 * rows); the batch is capped by the bind-parameter limits (SQLite 32,766, Postgres 65,535).
 */

import type { SageTableName } from "@headgate/demo-world";
import type { Knex } from "knex";
import { TABLE_SCHEMAS } from "./table-schemas.ts";

const MAX_BINDINGS = 30_000;

type Value = string | number | null;

export class TableSink<Row extends object> {
  private buffer: Row[] = [];
  private readonly batchSize: number;
  private readonly columns: readonly string[];
  private readonly target: string;
  inserted = 0;

  constructor(
    private readonly db: Knex | Knex.Transaction,
    table: SageTableName,
    schema: string | undefined,
    batchSize: number,
  ) {
    this.columns = TABLE_SCHEMAS[table].columns.map((c) => c.name);
    this.batchSize = Math.max(1, Math.min(batchSize, Math.floor(MAX_BINDINGS / this.columns.length)));
    this.target = schema ? `${schema}.${table}` : table;
  }

  /** Buffers a row; true when a batch is full and `flush` should be awaited. */
  add(row: Row): boolean {
    this.buffer.push(row);
    return this.buffer.length >= this.batchSize;
  }

  async addAll(rows: readonly Row[]): Promise<void> {
    for (const row of rows) if (this.add(row)) await this.flush();
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const tuple = `(${this.columns.map(() => "?").join(", ")})`;
    const sql = `INSERT INTO ?? (${this.columns.map(() => "??").join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`;
    const bindings: Value[] = [this.target, ...this.columns];
    for (const row of rows) {
      const values = row as Record<string, Value | undefined>;
      for (const column of this.columns) bindings.push(values[column] ?? null);
    }
    await this.db.raw(sql, bindings);
    this.inserted += rows.length;
  }
}
