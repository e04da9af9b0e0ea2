import { visibleLine } from './terminal.ts';

/** A problem found in the data, located at a real line and column of a file. */
export interface Problem {
  /** Stable code, e.g. "one-sided-edge". */
  code: string;
  /** File path as shown to the user (relative to the working directory when possible). */
  file: string;
  line: number;
  column: number;
  /** JSON pointer inside the file ("" for the whole document). */
  pointer: string;
  message: string;
}

/** One line for a terminal: control characters in the file name or the message are shown visibly. */
export function formatProblemText(p: Problem): string {
  return visibleLine(`${p.file}:${p.line}:${p.column}: ${p.code}: ${p.message}`);
}

/** Stable order: file, line, column, code, message. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An error meant for the user: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
