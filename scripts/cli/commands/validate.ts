import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatProblemText } from '../../lib/problems.ts';
import { UserError } from '../../lib/problems.ts';
import { notCanonicalProblems, planFormatDir } from '../../format/index.ts';
import { oneOf, parse, type Command } from '../command.ts';

export const command: Command = {
  name: 'validate',
  summary: 'Check data/ against the schemas and the semantic rules',
  help: `Usage: certdocs validate [--data DIR] [--format text|json]

Checks every data file: JSON syntax, then the JSON Schemas in data/schemas/,
then (only when those pass) the semantic rules. Each problem has a stable code:

  json-syntax              not valid JSON or not UTF-8, an empty file, or absurdly deep nesting
  missing-file             the data folder has no component files
  schema                   the file does not match its JSON Schema (or its "$schema" is wrong,
                           or a text is only white space)
  invalid-name             a component, flag, namespace or resource name of the wrong form
  file-name-mismatch       components/<name>.json, namespaces/<namespace>.json or
                           materials/<distribution>.json named differently
  duplicate                a component, flag, resource, actor, JSON key or list entry defined twice
  malformed-ref            a reference that is not "<component> <--flag>" or "<namespace> cm/<name>"
  unknown-ref              a flag, component, resource or actor that is not defined
  one-sided-edge           a verifies without the matching verifiedBy on the other flag, or the reverse
  kind-mismatch            e.g. a client or serving cert listed as a verifier, a cert paired
                           with the wrong kind of key, a ConfigMap feeding a private key
  edge-condition-mismatch  the two sides of an edge state different conditions
  kind-purpose-mismatch    a flag's purpose does not say what its kind says (the enhancement
                           carries the kind only in the purpose: "CA bundle used to …")
  edge-order               edges with the same condition and consequence are not adjacent
  unused-actor             an actor in actors.json that produces, consumes, creates and copies nothing
  fact-without-source      a certificate-material fact (materials/<distribution>.json) with no "source"
  unknown-source           a fact whose "source" is not an entry of the file's "sources"
  unknown-signer           a signedBy that names no signer of the distribution (or names both
                           a signer and selfSigned)
  signer-cycle             a signedBy chain that loops instead of ending at a self-signed signer
  invalid-duration         a validity, refresh or copy delay that is not a Go duration ("720h")
  refresh-exceeds-validity a material refreshed less often than it is valid
  name-collision           two flags whose diagram files and pages would have the same name
                           (component "a" with "--b-ca" and component "a-b" with "--ca")
  not-canonical            (only when nothing else is wrong) a file not in canonical form;
                           \`certdocs format\` rewrites it

Options:
  --data DIR          data folder (default: data)
  --format text|json  text: one problem per line, file:line:column: code: message
                      json: an array of {code, file, line, column, pointer, message}

Exit status: 0 clean, 1 problems found, 2 usage error.
`,
  async run(argv, io) {
    const { values } = parse(argv, { data: { type: 'string' }, format: { type: 'string' } }, false);
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const dir = values.data ?? 'data';
    if (!existsSync(dir)) throw new UserError(`data folder ${dir} does not exist; pass --data DIR naming the data folder`, 2);
    if (!statSync(dir).isDirectory()) throw new UserError(`${dir} is not a folder; pass --data DIR naming the data folder (the one holding components/)`, 2);
    // One read and parse for both. Canonical form is checked last: formatting needs data of the right
    // shape, and a file with problems is edited anyway.
    const plan = planFormatDir(dir);
    const problems = plan.validation.length ? plan.validation : notCanonicalProblems(plan, dir);
    if (!problems.length && !existsSync(path.join(dir, 'document.json'))) io.stderr(`note: ${dir} has no document.json; the site builds without it, but 'certdocs generate' needs it for the enhancement\n`);
    if (format === 'json') {
      const rows = problems.map(({ code, file, line, column, pointer, message }) => ({ code, file, line, column, pointer, message }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    }
    else {
      for (const p of problems) io.stdout(`${formatProblemText(p)}\n`);
      io.stderr(problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'} found\n` : `${dir}: no problems\n`);
    }
    return problems.length ? 1 : 0;
  },
};
