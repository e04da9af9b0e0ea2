import { readFileSync } from 'node:fs';
import { visible } from '../../lib/terminal.ts';
import { loadModel, warnProblems } from '../../review/load-model.ts';
import { troubleshoot, troubleshootText } from '../../review/troubleshoot.ts';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

/** Pasted text beyond this is not read: a log line is far shorter, and the ranking compares the whole text. */
const MAX_INPUT = 1024 * 1024;

export const command: Command = {
  name: 'troubleshoot',
  summary: 'The must-verify edges that explain an error line from a log',
  help: `Usage: certdocs troubleshoot "<error line>" [--component NAME] [--limit N] [--data DIR] [--format text|json]
       <command that prints log lines> | certdocs troubleshoot - [options]

Ranks the documented must-verify edges by the error texts the line contains
(Go's crypto/x509 and crypto/tls messages, Kubernetes' log messages), the
component that wrote it and the paths it names: the same ranking as the
site's troubleshooting page. For each candidate: the flag pair, who checks
it, what breaks, the ConfigMaps, Secrets and certificate material behind
each side, and read-only commands (oc get | openssl x509, openssl verify)
that inspect them. Nothing is sent anywhere.

Examples:
  certdocs troubleshoot 'kubenswrapper[2187]: … err="verifying certificate SN=4432 … failed: x509: certificate signed by unknown authority"'
  oc logs -n openshift-kube-apiserver kube-apiserver-master-0 | grep x509 | tail -1 | certdocs troubleshoot -
  certdocs troubleshoot 'x509: certificate has expired or is not yet valid' --component kube-apiserver

Options:
  --component NAME    who wrote the line (kubelet, kube-apiserver, …); default:
                      read from the line (kubenswrapper, "Error from server", …)
  --limit N           show at most N candidates (default 3)
  --data DIR          data folder (default: data)
  --format text|json  text: a report for people (default)
                      json: {line, component, candidates, total, known}

Exit status: 0 candidates printed, 1 no documented error text is in the line
(the report lists the documented ones), 2 usage error or unreadable data.
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      data: { type: 'string' },
      format: { type: 'string' },
      component: { type: 'string' },
      limit: { type: 'string' },
    });
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    let limit = 3;
    if (values.limit !== undefined) {
      if (!/^[1-9]\d{0,3}$/.test(values.limit)) throw new UsageError(`--limit must be a whole number from 1 to 9999 (got ${JSON.stringify(values.limit)})`);
      limit = Number(values.limit);
    }
    if (!positionals.length) throw new UsageError('give the error line in quotes, or - to read it from standard input');
    let line: string;
    if (positionals.length === 1 && positionals[0] === '-') {
      try {
        line = readFileSync(0, 'utf8').slice(0, MAX_INPUT);
      } catch (err) {
        throw new UsageError(`cannot read standard input: ${(err as Error).message}`);
      }
    } else {
      line = positionals.join(' ');
    }
    if (!line.trim()) throw new UsageError('the error line is empty');

    const dir = values.data ?? 'data';
    const { model, problems } = loadModel(dir);
    warnProblems(dir, problems, io.stderr);
    const known = new Set([...model.flags.values()].map((f) => f.component));
    if (values.component !== undefined && !known.has(values.component))
      throw new UsageError(`--component must be a documented component: ${[...known].sort().join(', ')} (got ${JSON.stringify(values.component)})`);
    const report = troubleshoot(model, line, { ...(values.component ? { component: values.component } : {}), limit });
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : visible(troubleshootText(report)));
    return report.candidates.length ? 0 : 1;
  },
};
