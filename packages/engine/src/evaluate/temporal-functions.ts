/**
 * Date and time functions (OData Part 2 §5.1.1.8). Components of a DateTimeOffset are read in
 * the value's own offset, as written (`hour(2024-01-31T13:20:00+01:00)` is 13); a `Z` value is
 * read in UTC. Values that arrive as epoch numbers or Date objects are read in UTC.
 *
 * `now()` is read once per compilation (from `CompileOptions.now`), so every row of one query
 * sees the same instant; compile per request.
 */
import type { CanonicalFunction } from "@headgate/odata";
import { arg, constantNode, unaryNode } from "./nodes.ts";
import {
  type DateParts,
  durationSeconds,
  formatInstant,
  formatTimeOfDay,
  fractionValue,
  MAX_DATE_TIME,
  MIN_DATE_TIME,
  parseDate,
  parseDateTime,
  parseTimeOfDay,
  type TimeParts,
} from "./temporal.ts";
import type { CallCompiler, CompileContext, Compiled, ValueKind } from "./types.ts";

interface Reading {
  readonly date?: DateParts;
  readonly time?: TimeParts;
  /** Present only for DateTimeOffset values. */
  readonly offsetMinutes?: number;
}

function readDateTime(text: string): Reading | undefined {
  const parts = parseDateTime(text);
  return parts === undefined ? undefined : { date: parts, time: parts, offsetMinutes: parts.offsetMinutes };
}

/** A temporal value read by its static kind, or by its shape when the kind is unknown. */
function readTemporal(value: unknown, kind: ValueKind): Reading | undefined {
  if (typeof value === "number" || value instanceof Date) {
    const ms = typeof value === "number" ? value : value.getTime();
    return Number.isFinite(ms) ? readDateTime(formatInstant(ms)) : undefined;
  }
  if (typeof value !== "string") return undefined;
  if (kind === "dateTimeOffset") return readDateTime(value);
  if (kind === "date" || (kind === "unknown" && value.length === 10 && value[4] === "-")) {
    const date = parseDate(value);
    return date === undefined ? undefined : { date };
  }
  if (kind === "timeOfDay" || (kind === "unknown" && value[2] === ":")) {
    const time = parseTimeOfDay(value);
    return time === undefined ? undefined : { time };
  }
  return readDateTime(value);
}

function component(kind: ValueKind, pick: (reading: Reading) => unknown): CallCompiler {
  return (args) => {
    const input = arg(args, 0);
    return unaryNode(input, kind, (value) => {
      const reading = readTemporal(value, input.kind);
      return reading === undefined ? null : (pick(reading) ?? null);
    });
  };
}

function pad(n: number, width: number): string {
  const digits = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${digits}` : digits;
}

function formatDate(date: DateParts): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function nowNode(_args: readonly Compiled[], ctx: CompileContext): Compiled {
  const now = ctx.options.now?.() ?? new Date();
  return constantNode(formatInstant(now.getTime()), "dateTimeOffset");
}

export const TEMPORAL_FUNCTIONS = {
  year: component("integer", (r) => r.date?.year),
  month: component("integer", (r) => r.date?.month),
  day: component("integer", (r) => r.date?.day),
  hour: component("integer", (r) => r.time?.hour),
  minute: component("integer", (r) => r.time?.minute),
  second: component("integer", (r) => r.time?.second),
  fractionalseconds: component("decimal", (r) =>
    r.time === undefined ? null : fractionValue(r.time.fraction),
  ),
  date: component("date", (r) => (r.date === undefined ? null : formatDate(r.date))),
  time: component("timeOfDay", (r) =>
    r.time === undefined || r.offsetMinutes === undefined ? null : formatTimeOfDay(r.time),
  ),
  totaloffsetminutes: component("integer", (r) => r.offsetMinutes),
  totalseconds: (args: readonly Compiled[]) =>
    unaryNode(arg(args, 0), "decimal", (value) => {
      const seconds = typeof value === "string" ? durationSeconds(value) : Number.NaN;
      return Number.isNaN(seconds) ? null : seconds;
    }),
  now: nowNode,
  mindatetime: () => constantNode(MIN_DATE_TIME, "dateTimeOffset"),
  maxdatetime: () => constantNode(MAX_DATE_TIME, "dateTimeOffset"),
} satisfies Partial<Record<CanonicalFunction, CallCompiler>>;
