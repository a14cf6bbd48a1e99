/**
 * The `Prefer` preferences the OData service honours: `maxpagesize` (4.01) and its 4.0 name
 * `odata.maxpagesize`. Preferences are hints: malformed or unknown ones are ignored, never
 * refused (RFC 7240 has a server ignore a preference it cannot comply with), and the one applied
 * is echoed in `Preference-Applied` under the name the client used. A page size is read like
 * `$top`, digits up to `MAX_COUNT`, so no door takes a number another would not.
 */
import { ODataError, parseCount } from "@headgate/odata";

export interface PageSizePreference {
  /** The name as the client wrote it (`maxpagesize` or `odata.maxpagesize`), lower-cased. */
  readonly name: string;
  readonly size: number;
}

const PAGE_SIZE_NAMES = new Set(["maxpagesize", "odata.maxpagesize"]);

/** The page size a client prefers, if it states a positive integer one. */
export function preferredPageSize(prefer: string | string[] | undefined): PageSizePreference | undefined {
  const headers = prefer === undefined ? [] : Array.isArray(prefer) ? prefer : [prefer];
  for (const preference of headers.flatMap((header) => header.split(","))) {
    const [rawName = "", rawValue = ""] = preference.split(";")[0]?.split("=") ?? [];
    const name = rawName.trim().toLowerCase();
    if (!PAGE_SIZE_NAMES.has(name)) continue;
    const size = pageSizeOf(rawValue.trim().replace(/^"|"$/g, ""));
    if (size !== undefined && size > 0) return { name, size };
  }
  return undefined;
}

function pageSizeOf(text: string): number | undefined {
  try {
    return parseCount(text, "maxpagesize");
  } catch (error) {
    if (error instanceof ODataError) return undefined;
    throw error;
  }
}

/** The `Preference-Applied` value for the page size the engine applied. */
export function pageSizeApplied(preference: PageSizePreference, pageSize: number): string {
  return `${preference.name}=${pageSize}`;
}
