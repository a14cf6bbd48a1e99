/**
 * The `include-annotations` preference (OData 4.01 Protocol §8.2.8.4; `odata.include-annotations`
 * in 4.0): which instance annotations a client wants in the payload. Without it Headgate sends
 * its own (`@headgate.asOf`); with it, an annotation is sent when the most specific matching
 * pattern includes it (`*`, `headgate.*`, `headgate.asOf`, each excludable with `-`; at equal
 * specificity exclusion wins), and the preference is echoed in `Preference-Applied`.
 */

export interface AnnotationPreference {
  /** The name as the client wrote it (`include-annotations` or `odata.include-annotations`). */
  readonly name: string;
  /** The patterns, as written (without quotes). */
  readonly patterns: readonly string[];
}

const NAMES = new Set(["include-annotations", "odata.include-annotations"]);

export function annotationPreference(
  prefer: string | string[] | undefined,
): AnnotationPreference | undefined {
  const headers = prefer === undefined ? [] : Array.isArray(prefer) ? prefer : [prefer];
  // The value is quoted when it holds commas, so preferences are split outside quotes only.
  for (const preference of headers.flatMap((header) => header.match(/(?:[^,"]|"[^"]*")+/g) ?? [])) {
    const [rawName = "", ...rest] = preference.split(";")[0]?.split("=") ?? [];
    const name = rawName.trim().toLowerCase();
    if (!NAMES.has(name)) continue;
    const value = rest.join("=").trim().replace(/^"|"$/g, "");
    const patterns = value
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    return { name, patterns };
  }
  return undefined;
}

/** Whether `term` (`headgate.asOf`) goes in the payload under `preference`. */
export function includesAnnotation(preference: AnnotationPreference | undefined, term: string): boolean {
  if (preference === undefined) return true;
  let best = -1;
  let included = false;
  for (const pattern of preference.patterns) {
    const excluded = pattern.startsWith("-");
    const specificity = matchSpecificity(excluded ? pattern.slice(1) : pattern, term);
    if (specificity < 0 || specificity < best) continue;
    included = specificity > best ? !excluded : included && !excluded;
    best = specificity;
  }
  return included;
}

/** 2 for the term itself, 1 for its namespace's `*`, 0 for `*`, -1 when the pattern misses. */
function matchSpecificity(pattern: string, term: string): number {
  const lowerPattern = pattern.toLowerCase();
  const lowerTerm = term.toLowerCase();
  if (lowerPattern === "*") return 0;
  if (lowerPattern === lowerTerm) return 2;
  const namespace = lowerTerm.slice(0, lowerTerm.lastIndexOf("."));
  return lowerPattern === `${namespace}.*` ? 1 : -1;
}

/** The `Preference-Applied` entry for the preference honoured. */
export function annotationsApplied(preference: AnnotationPreference): string {
  return `${preference.name}="${preference.patterns.join(",")}"`;
}
