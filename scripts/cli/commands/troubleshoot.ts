import { readFileSync } from 'node:fs';
import { visible } from '../../lib/terminal.ts';
import { loadModel, warnProblems } from '../../review/load-model.ts';
import { troubleshoot, troubleshootLog, troubleshootLogText, troubleshootText } from '../../review/troubleshoot.ts';
import { logLines } from '../../../templates/assets/troubleshoot-rank.js';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

/** Standard input beyond this is not read (a log of that size is better cut with grep first). */
const MAX_INPUT = 64 * 1024 * 1024;

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

Several lines (a log on standard input) are ranked one by one, and the edges
are listed by how many lines rank them first, each with its first line.

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
                      json: {line, component, candidates, total, known}, or for
                      several lines {lines, matchedLines, edges, total, known}

Exit status: 0 candidates printed, 1 no documented error text is in the input
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
        line = readFileSync(0, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read standard input: ${(err as Error).message}`);
      }
      if (line.length > MAX_INPUT) {
        io.stderr(`certdocs troubleshoot: read the first ${MAX_INPUT / 1024 / 1024} MiB of standard input only\n`);
        line = line.slice(0, MAX_INPUT);
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
    const options = { ...(values.component ? { component: values.component } : {}), limit };
    if (logLines(line).length > 1) {
      const log = troubleshootLog(model, line, options);
      io.stdout(format === 'json' ? `${JSON.stringify(log, null, 2)}\n` : visible(troubleshootLogText(log)));
      return log.edges.length ? 0 : 1;
    }
    const report = troubleshoot(model, line.trim(), options);
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : visible(troubleshootText(report)));
    return report.candidates.length ? 0 : 1;
  },
};
