import { visible, visibleLine } from '../../lib/terminal.ts';
import { impactOf } from '../../model/impact.ts';
import { loadModel, warnProblems } from '../../review/load-model.ts';
import { impactText } from '../../review/impact-text.ts';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'impact',
  summary: 'What breaks if a flag or resource is wrong',
  help: `Usage: certdocs impact "<component> <--flag>" [--data DIR] [--format text|json]
       certdocs impact "<namespace> <cm|secret>/<name>" [--data DIR] [--format text|json]
       certdocs impact "<distribution>/<material id>" [--data DIR] [--format text|json]

Everything that breaks if that flag or resource is wrong, transitively:
resources it is an input to (and theirs), the flags they feed, the trust
edges those flags take part in and the consequences written on them, and the
flags that interact with them. From certificate material (a signer, CA
bundle or certificate in data/materials/), everything it signs and every CA
bundle that trusts it, transitively, then the flags those feed.

Examples:
  certdocs impact "openshift-config-managed cm/csr-controller-ca"
  certdocs impact "kube-apiserver --client-ca-file" --format json
  certdocs impact openshift/csr-signer

Options:
  --data DIR          data folder (default: data)
  --format text|json  text: a report for people (default)
                      json: {start, materials, resources, flags, edges, consequences, interactions}

Exit status: 0 report printed, 1 the data cannot be loaded,
2 usage error or unknown flag/resource (the message names the closest ones).
`,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parse(argv, { data: { type: 'string' }, format: { type: 'string' } });
    } catch (err) {
      // `certdocs impact kube-apiserver --client-ca-file` without quotes: the flag looks like an option.
      const m = /Unknown option '(--[^']+)'/.exec((err as Error).message);
      if (m) throw new UsageError(`unknown option ${m[1]}; quote the reference so the flag is not read as an option: certdocs impact "<component> ${m[1]}"`);
      throw err;
    }
    const { values, positionals } = parsed;
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    if (!positionals.length) throw new UsageError('name a flag ("kube-apiserver --client-ca-file") or a resource ("openshift-config-managed cm/csr-controller-ca")');
    const ref = positionals.join(' ');
    const dir = values.data ?? 'data';
    const { model, problems } = loadModel(dir);
    warnProblems(dir, problems, io.stderr);
    const impact = impactOf(model, ref);
    // A near miss ("kube-apiserver--client-ca-file") is read as the flag it must mean, never silently.
    if (impact.start.ref !== ref) io.stderr(`${visibleLine(`note: read ${JSON.stringify(ref)} as ${JSON.stringify(impact.start.ref)}`)}\n`);
    io.stdout(format === 'json' ? `${JSON.stringify(impact, null, 2)}\n` : visible(impactText(model, impact)));
    return 0;
  },
};
