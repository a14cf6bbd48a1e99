/**
 * Reads and validates a `headgate.yaml` from disk, with `${ENV}` taken from the process
 * environment unless another is given. A missing or unreadable file is a ConfigError too.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { ConfigError } from "./config-error.ts";
import { parseConfig } from "./parse-config.ts";
import type { HeadgateConfig } from "./validate-config.ts";

export async function loadConfigFile(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<HeadgateConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "the file does not exist"
        : "the file cannot be read";
    throw new ConfigError(path, [
      {
        line: 1,
        column: 1,
        path: "",
        message: `${reason}; check the path given with --config or HEADGATE_CONFIG`,
      },
    ]);
  }
  return parseConfig(text, { file: basename(path), env });
}
