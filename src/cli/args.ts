// Shared command-line plumbing: argument parsing with readable errors, and one-line failure messages.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure that ends the whole run with a one-line message and a given exit status. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit status for a command line that cannot be understood (unknown option, missing question...). */
export const USAGE_EXIT = 2;

export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, USAGE_EXIT);
  }
}

/** node:util parseArgs, with its thrown errors turned into usage errors a person can read. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '.'));
  }
}

/** A named error the user can act on (bad file, bad article...), as opposed to a bug. */
export type ExpectedErrorClass = abstract new (...args: never[]) => Error;

/** Where a command writes: the process's streams, or buffers in tests. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processOutput: CommandOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Runs a command's main function and returns its exit status. Expected failures become one
 * `error: message` line on stderr; unexpected ones keep their stack so they can be fixed.
 */
export async function runCommand(
  main: () => Promise<number | void>,
  expected: ExpectedErrorClass[] = [],
  out: CommandOutput = processOutput,
): Promise<number> {
  try {
    return (await main()) ?? 0;
  } catch (error) {
    if (error instanceof CliError) {
      out.stderr(`error: ${error.message}\n`);
      if (error instanceof UsageError) out.stderr('Run with --help to see the options.\n');
      return error.exitCode;
    }
    if (expected.some((kind) => error instanceof kind)) {
      out.stderr(`error: ${(error as Error).message}\n`);
      return 1;
    }
    out.stderr(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70; // EX_SOFTWARE: a bug, not bad input
  }
}

/**
 * How every program of the project ends (the CLIs, eval, the sandbox, deploy-commands): the exit status
 * runCommand gives, and a reader that stops early (`| head`) is not an error worth a stack trace.
 */
export async function runProgram(main: () => Promise<number | void> | number | void, expected: ExpectedErrorClass[] = []): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  process.exitCode = await runCommand(async () => main(), expected);
}
