/**
 * Daily log headers: the superintendent logs almost every working day while the job is on site.
 * Older logs are completed and distributed; the last few days may still be open.
 */
import type { Project } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import type { IdSequences } from "./ids.ts";
import { userRef } from "./people.ts";
import { timestamp } from "./timeline.ts";
import type { ProcoreDailyLogHeader } from "./types.ts";

export function projectDailyLogHeaders(
  random: Random,
  ids: IdSequences,
  project: Project,
): ProcoreDailyLogHeader[] {
  const first = Math.floor(Math.max(project.startDate, WORLD_START) / DAY_MS) * DAY_MS;
  const last = Math.min(project.completionDate, WORLD_END);
  const superintendent = userRef(project.superintendent);
  const headers: ProcoreDailyLogHeader[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6 || !random.chance(0.88)) continue;
    const completed = WORLD_END - day > 3 * DAY_MS || random.chance(0.5);
    const completedAt = day + random.int(15 * 3600, 19 * 3600) * 1000;
    headers.push({
      id: ids.take("dailyLogHeader"),
      log_date: isoDate(day),
      log_datetime: timestamp(day + 7 * 3_600_000),
      completed,
      completed_by: completed ? superintendent : null,
      completed_at: completed ? timestamp(Math.min(WORLD_END, completedAt)) : null,
      distributed: completed,
      distributed_at: completed ? timestamp(Math.min(WORLD_END, completedAt + 600_000)) : null,
    });
  }
  return headers;
}
