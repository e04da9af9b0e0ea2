import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../lib/problems.ts';
import { formatNote, importMarkdown } from '../../import/index.ts';
import { writeDataDir } from '../../import/write.ts';
import { parse, UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'import',
  summary: 'Import an enhancement markdown document into a data folder',
  help: `Usage: certdocs import <enhancement.md> --out DIR [--replace] [--quiet]

Reads an enhancement document (the upstream hand-written one or the one
certdocs generates) and writes it as data:

  DIR/components/<component>.json   one per "| Flag | What’s it for |" table
  DIR/namespaces/<namespace>.json   one per "| Resource | What’s it for | Who produces it | Who consumes it |" table
  DIR/actors.json                   every producer and consumer named, sorted
  DIR/document.json                 front matter and the prose of every section
  DIR/schemas/*.json                a copy of the JSON Schemas the files point at

The import is faithful: an edge written on one flag only stays one-sided, a
malformed reference stays as written, so that
  certdocs validate --data DIR
lists exactly what is inconsistent in the document. Flag kinds are inferred
from each purpose ("CA bundle …", "Serving cert …", "If true, get … from the
CSR API" …). Component and namespace files already in DIR that the document
does not produce are an error (exit 2, nothing written) unless --replace is
given, which removes them. The files are written as one transaction: a
failure or a kill leaves the folder as it was or fully imported.

Resource cells ("What’s it for" in a resource table) are read in the form
generate writes, "\`<component> <--flag>\` and input to <resource>. <purpose>",
and in any other phrasing: every flag reference in code is a flag the
resource feeds, and every resource reference after "input to" an input,
wherever they stand ("\`kubelet --client-ca-file\` on every node, mounted
from the machine config"). Such a cell is kept whole as the purpose, and
generate writes it back as it was; a note says how it was read. Code that
looks like a reference but is none (a file path, a flag without its
component) and resources named elsewhere ("copied to secret/x": the data has
no relation for copies) stay text, each with a note.

Anything the importer cannot place (an empty table row, a sentence it does
not understand, a kind it has to guess) is reported on stderr as
  file:line:column: import-note: message
and kept (in the purpose) rather than dropped. Notes do not fail the import.

Options:
  --out DIR   the data folder to write (required; created if missing)
  --replace   remove component and namespace files in DIR the document does not produce
  --quiet     do not print notes or the summary

Exit status: 0 imported (even with notes), 1 the file is not an enhancement
(no flag table) or cannot be read, 2 usage error or missing input file.
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { out: { type: 'string' }, quiet: { type: 'boolean' }, replace: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError(`expected one enhancement markdown file, got ${positionals.length}; usage: certdocs import <enhancement.md> --out DIR`);
    if (!values.out) throw new UsageError('--out DIR is required (the data folder to write), e.g. certdocs import enhancement.md --out /tmp/data');
    const input = positionals[0]!;
    if (!existsSync(input)) throw new UserError(`${input} does not exist; pass the path of an enhancement markdown file`, 2);
    if (!statSync(input).isFile()) throw new UserError(`${input} is not a file; pass the path of an enhancement markdown file`, 2);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(input));
    } catch (err) {
      throw new UserError(`${input} cannot be read as UTF-8 text (${(err as Error).message}); save it as UTF-8 markdown`);
    }
    const out = values.out;
    if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`--out ${out} exists and is not a folder; pass a folder`, 2);
    const display = path.relative(process.cwd(), path.resolve(input)).split(path.sep).join('/') || input;
    const { data, notes, tables } = importMarkdown(text, display);
    if (!tables.flags)
      throw new UserError(`${display} is not an enhancement: it has no "| Flag | What’s it for |" table under a component heading; nothing was written`);
    const { written, removed } = writeDataDir(data, out, { replace: values.replace ?? false });
    if (!values.quiet) {
      for (const n of notes) io.stderr(`${formatNote(n)}\n`);
      for (const f of removed) io.stderr(`removed ${f} (not in ${display})\n`);
      const flags = data.components.reduce((s, c) => s + c.flags.length, 0);
      const resources = data.namespaces.reduce((s, n) => s + n.resources.length, 0);
      io.stderr(
        `imported ${data.components.length} components (${flags} flags), ${data.namespaces.length} namespaces (${resources} resources), ${data.actors.actors.length} actors into ${out}` +
          ` (${written.length} file${written.length === 1 ? '' : 's'} written, ${notes.length} note${notes.length === 1 ? '' : 's'})\n`,
      );
    }
    return 0;
  },
};
