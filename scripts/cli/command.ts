/** The shape of one `certdocs` command. Each command lives in scripts/cli/commands/<name>.ts. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../lib/problems.ts';

export interface Command {
  name: string;
  /** One line for `certdocs --help`. */
  summary: string;
  /** Full help text for `certdocs <name> --help`. */
  help: string;
  /** Returns the exit code. Throw UserError for a clean one-line failure. Writes only through `io`. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * Where a command writes. The executable passes the process's streams; tests
 * run commands in-process through `main(argv, io)` and capture both.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Usage errors exit 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with usage errors turned into UsageError. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}
