/**
 * Workspace names are slugs: they appear in URLs and in API keys (`hg_<workspace>_...`), so
 * they are lowercase letters, digits and inner hyphens, and never contain `_`.
 */
import { invalidInput } from "../errors.ts";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const MAX_LENGTH = 40;

export function validateWorkspaceName(name: unknown): string {
  if (typeof name === "string" && SLUG.test(name)) return name;
  const suggestion = typeof name === "string" ? slugify(name) : "";
  throw invalidInput(
    "name",
    `Workspace name ${typeof name === "string" ? `'${name}'` : `(a ${typeof name})`} is not a valid slug: use 1 to ${MAX_LENGTH} ` +
      "lowercase letters, digits and hyphens, starting and ending with a letter or digit" +
      (suggestion === "" ? "." : `, for example '${suggestion}'.`),
  );
}

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, "");
}
