/** What a subcommand may touch: its output streams, the environment and the caller's directory. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory the user ran the command in (pnpm runs scripts elsewhere; it passes INIT_CWD). */
  readonly cwd: string;
}
