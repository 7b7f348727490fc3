import { type ParseArgsConfig, parseArgs } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses command-line options strictly: an unknown option or a missing value ends the command with a
 * one-line error and exit code 2. `--help` prints `usage` and exits 0.
 */
export function parseCommandLine<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if ((parsed.values as Record<string, unknown>).help === true) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    usageError((error as Error).message.split(/\.\s/)[0] ?? "bad arguments");
  }
}

/** Ends the command with a one-line usage error and exit code 2. */
export function usageError(message: string): never {
  console.error(`error: ${message} (see --help)`);
  process.exit(2);
}
