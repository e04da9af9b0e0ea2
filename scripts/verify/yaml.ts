/** YAML (and JSON) documents of a file; a syntax error is one line: file:line:column: bad-yaml: message. */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { UserError } from '../lib/problems.ts';

export function yamlDocuments(text: string, file: string): unknown[] {
  const docs = parseAllDocuments(text);
  for (const d of docs) {
    const e = d.errors[0];
    if (!e) continue;
    const pos = e.linePos?.[0];
    // The first line of yaml's message says what is wrong; the rest quotes the input, which may hold key material.
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`${file}:${pos?.line ?? 1}:${pos?.col ?? 1}: bad-yaml: not valid YAML or JSON (${what}); fix the file or leave it out`, 2);
  }
  return docs.map((d) => d.toJS());
}

/** A local input file's documents; a file that cannot be read is a usage problem (exit 2), not a crash. */
export function readYamlFile(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 2);
  }
  return yamlDocuments(text, file);
}
