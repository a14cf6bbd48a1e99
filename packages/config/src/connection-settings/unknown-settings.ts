/**
 * Finds the settings and secrets of a connection that its kind does not take, nested fields
 * included (`tables[0].entitySett`), each with a did-you-mean or the names that exist. Values
 * are never echoed: a misplaced secret is still a secret.
 */
import { didYouMean, ODataError } from "@headgate/odata";
import { KIND_SETTINGS, type SettingFields } from "./kind-settings.ts";

export type SettingsPath = readonly (string | number)[];

export interface SettingsProblem {
  /** From the connection: `["settings", "tables", 0, "entitySett"]`, `["secrets", "pasword"]`. */
  readonly path: SettingsPath;
  readonly message: string;
}

type Values = Readonly<Record<string, unknown>>;

/** `settings.tables[0].entitySett` */
export function formatPath(path: SettingsPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** Nothing for a kind without known settings (an unknown kind is reported as such elsewhere). */
export function unknownSettings(kind: string, settings: Values, secrets: Values): SettingsProblem[] {
  const known = Object.hasOwn(KIND_SETTINGS, kind)
    ? KIND_SETTINGS[kind as keyof typeof KIND_SETTINGS]
    : undefined;
  if (known === undefined) return [];
  const secretNames = Object.keys(known.secrets);
  const problems: SettingsProblem[] = [];
  for (const name of Object.keys(settings)) {
    if (Object.hasOwn(known.settings, name)) continue;
    problems.push({
      path: ["settings", name],
      message: secretNames.includes(name)
        ? `'${name}' is a secret of a ${kind} connection: put it under secrets (settings are stored and shown in clear)`
        : `unknown setting '${name}' for a ${kind} connection${hint(name, known.settings, `its settings are`)}`,
    });
  }
  problems.push(...unknownFields(settings, known.settings, ["settings"]));
  for (const name of Object.keys(secrets)) {
    if (secretNames.includes(name)) continue;
    problems.push({
      path: ["secrets", name],
      message: Object.hasOwn(known.settings, name)
        ? `'${name}' is a setting of a ${kind} connection, not a secret: put it under settings`
        : secretNames.length === 0
          ? `a ${kind} connection takes no secrets; remove '${name}'`
          : `unknown secret '${name}' for a ${kind} connection${hint(name, known.secrets, "its secrets are")}`,
    });
  }
  return problems;
}

/** Throws the 400 that lists every unknown setting and secret of the connection, if any. */
export function assertKnownSettings(
  connection: { readonly name: string; readonly kind: string; readonly settings: Values },
  secrets: Values,
): void {
  const problems = unknownSettings(connection.kind, connection.settings, secrets);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
  throw new ODataError({
    code: "InvalidRequest",
    status: 400,
    message:
      problems.length === 1
        ? `Connection '${connection.name}': ${lines[0]}`
        : `Connection '${connection.name}' has ${problems.length} unknown settings or secrets:\n${lines.join("\n")}`,
    target: formatPath(problems[0]!.path),
    details: problems.map((p, i) => ({
      code: "InvalidRequest",
      message: lines[i]!,
      target: formatPath(p.path),
    })),
  });
}

/** Keys of nested objects (objects and lists of objects) that their setting does not have. */
function unknownFields(value: Values, fields: SettingFields, path: SettingsPath): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const inner = value[name];
    if (spec.fields && isObject(inner)) problems.push(...checkObject(inner, spec.fields, [...path, name]));
    if (spec.items && Array.isArray(inner))
      inner.forEach((item, i) => {
        if (isObject(item)) problems.push(...checkObject(item, spec.items!, [...path, name, i]));
      });
    if (spec.values && isObject(inner))
      for (const [key, item] of Object.entries(inner))
        if (isObject(item)) problems.push(...checkObject(item, spec.values, [...path, name, key]));
  }
  return problems;
}

function checkObject(value: Values, fields: SettingFields, path: SettingsPath): SettingsProblem[] {
  const problems: SettingsProblem[] = Object.keys(value)
    .filter((name) => !Object.hasOwn(fields, name))
    .map((name) => ({
      path: [...path, name],
      message: `unknown field '${name}' in ${formatPath(path)}${hint(name, fields, "its fields are")}`,
    }));
  return [...problems, ...unknownFields(value, fields, path)];
}

function hint(name: string, known: object, listed: string): string {
  const names = Object.keys(known);
  if (names.length === 0) return "";
  return didYouMean(name, names) || `; ${listed}: ${names.join(", ")}`;
}

function isObject(value: unknown): value is Values {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
