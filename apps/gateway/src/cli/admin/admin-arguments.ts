/**
 * The admin CLI's argument grammar: `--name value`, `--name=value`, repeatable options, flags,
 * and positionals, with a did-you-mean for misspelt options. Each command then says which of the
 * options it accepts, so `--kind` on `keys create` is refused rather than ignored.
 */
import { didYouMean } from "@headgate/odata";
import { UsageError } from "./usage-error.ts";

interface OptionSpec {
  /** Takes a value (otherwise a flag). */
  readonly value: boolean;
  readonly repeatable?: boolean;
}

export const OPTIONS = {
  workspace: { value: true },
  config: { value: true },
  json: { value: false },
  help: { value: false },
  name: { value: true },
  kind: { value: true },
  setting: { value: true, repeatable: true },
  "unset-setting": { value: true, repeatable: true },
  secret: { value: true, repeatable: true },
  "secret-env": { value: true, repeatable: true },
  "remove-secret": { value: true, repeatable: true },
  "no-test": { value: false },
  scope: { value: true, repeatable: true },
  limit: { value: true },
  before: { value: true },
  door: { value: true },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: readonly OptionName[] = ["workspace", "config", "json", "help"];

export interface ParsedArguments {
  readonly positionals: readonly string[];
  readonly values: ReadonlyMap<OptionName, readonly string[]>;
}

export function parseArguments(argv: readonly string[]): ParsedArguments {
  const positionals: string[] = [];
  const values = new Map<OptionName, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === "-h") values.set("help", [""]);
    else if (!token.startsWith("--")) positionals.push(token);
    else {
      const [name, inline] = splitOption(token);
      const spec = OPTIONS[name];
      let value = "";
      if (spec.value) {
        const next = inline ?? argv[++i];
        if (next === undefined) throw new UsageError(`--${name} needs a value.`, `--${name}`);
        value = next;
      } else if (inline !== undefined) throw new UsageError(`--${name} takes no value.`, `--${name}`);
      const seen = values.get(name) ?? [];
      if (seen.length > 0 && !("repeatable" in spec))
        throw new UsageError(`--${name} is given twice.`, `--${name}`);
      values.set(name, [...seen, value]);
    }
  }
  return { positionals, values };
}

function splitOption(token: string): [OptionName, string | undefined] {
  const equals = token.indexOf("=");
  const name = equals === -1 ? token.slice(2) : token.slice(2, equals);
  if (!(name in OPTIONS)) {
    const names = Object.keys(OPTIONS);
    const hint = didYouMean(name, names).replace(/'([^']+)'/g, "'--$1'");
    throw new UsageError(`unknown option '--${name}'${hint || "."}`, `--${name}`);
  }
  return [name as OptionName, equals === -1 ? undefined : token.slice(equals + 1)];
}

/** Refuses options the command does not take. */
export function assertOptions(args: ParsedArguments, command: string, allowed: readonly OptionName[]): void {
  for (const name of args.values.keys()) {
    if (GLOBAL_OPTIONS.includes(name) || allowed.includes(name)) continue;
    const accepted =
      allowed.length === 0 ? "it takes none" : `it takes ${allowed.map((a) => `--${a}`).join(", ")}`;
    throw new UsageError(`'${command}' has no option --${name} (${accepted}).`, `--${name}`);
  }
}

export const flag = (args: ParsedArguments, name: OptionName): boolean => args.values.has(name);
export const single = (args: ParsedArguments, name: OptionName): string | undefined =>
  args.values.get(name)?.[0];
export const all = (args: ParsedArguments, name: OptionName): readonly string[] =>
  args.values.get(name) ?? [];
