/**
 * verify's reports: text for people (grouped by component, what needs
 * attention first), JSON, and JUnit XML for CI systems. Certificate fields
 * are untrusted: control characters are escaped in text, XML is escaped in
 * JUnit, JSON escapes by itself.
 */
import { cmp } from '../lib/problems.ts';
import { plural } from '../lib/plural.ts';
import { STATUS_ORDER, type Check, type Finding, type Status, type VerifyResult } from './checks.ts';

export type Format = 'text' | 'json' | 'junit';

/** Exit status: 1 when an edge is broken, 2 when input could not be read, else 0. */
export function exitCodeOf(result: VerifyResult): number {
  if (result.checks.some((c) => c.status === 'broken')) return 1;
  if (result.checks.some((c) => c.status === 'unreadable')) return 2;
  return 0;
}

function summaryOf(result: VerifyResult): Record<Status, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const c of result.checks) counts[c.status]++;
  return counts;
}

/** Escape what a terminal would interpret (ESC, other C0/C1 controls) in untrusted text. */
function termSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\n/g, ' ');
}

const LABEL: Record<Status, string> = {
  broken: 'BROKEN',
  unreadable: 'UNREADABLE',
  conditional: 'CONDITIONAL',
  warning: 'WARNING',
  ok: 'ok',
  'not-checkable': 'not checked',
  'not-applicable': 'not applicable',
};

const SEVERITY_LABEL: Record<Finding['severity'], string> = { error: 'failed', warning: 'warning', uncheckable: 'unreadable', absent: 'missing' };

function groups(checks: Check[]): Array<[string, Check[]]> {
  const by = new Map<string, Check[]>();
  for (const c of checks) by.set(c.component, [...(by.get(c.component) ?? []), c]);
  const worst = (list: Check[]) => Math.min(...list.map((c) => STATUS_ORDER.indexOf(c.status)));
  return [...by].sort(([a, la], [b, lb]) => worst(la) - worst(lb) || cmp(a, b));
}

/** The documented error texts of a broken edge, with who logs each: what to look for in the logs. */
function logsLine(errors: NonNullable<Check['errors']>): string {
  return `shows in logs as: ${errors.map((x) => `"${x.text}"${x.loggedBy ? ` (${x.loggedBy})` : ''}`).join(', ')}`;
}

function textReport(result: VerifyResult): string {
  const s = summaryOf(result);
  const lines: string[] = [];
  const checked = result.checks.length - s['not-checkable'] - s['not-applicable'];
  lines.push(
    `certdocs verify at ${result.at.toISOString()}: ${plural(checked, 'check')}: ${s.broken} broken, ${s.unreadable} unreadable, ${s.conditional} conditional, ${plural(s.warning, 'warning')}, ${s.ok} hold; ${s['not-checkable']} not checkable, ${s['not-applicable']} not applicable`,
  );
  for (const [component, checks] of groups(result.checks)) {
    lines.push('', component);
    for (const c of checks) {
      const what = c.kind === 'edge' ? '' : ` (${c.kind})`;
      lines.push(`  ${LABEL[c.status].padEnd(11)} ${c.id}${what}`);
      if (c.status === 'ok') continue;
      if (c.reason) {
        lines.push(`              ${c.reason}`);
        continue;
      }
      for (const l of c.locations) lines.push(`              ${l}`);
      if (c.condition) lines.push(`              if: ${c.condition}${c.status === 'conditional' ? ' (not decidable from the files)' : ''}`);
      for (const f of c.findings) {
        lines.push(`              ${SEVERITY_LABEL[f.severity]}: ${f.code}: ${f.message}`);
        if (f.openssl) lines.push(`                $ ${f.openssl}`);
      }
      if (c.status === 'broken' || c.status === 'conditional') {
        if (c.consequence) lines.push(`              consequence: ${c.consequence}`);
        if (c.breaks) lines.push(`              breaks: ${c.breaks}`);
        if (c.errors?.length) lines.push(`              ${logsLine(c.errors)}`);
      }
    }
  }
  if (result.undocumented.length) {
    lines.push('', `undocumented: ${plural(result.undocumented.length, 'flag')} whose values are files but data/ does not document them`);
    for (const u of [...result.undocumented].sort((a, b) => cmp(a.flag, b.flag) || cmp(a.value, b.value))) lines.push(`  ${u.flag} = ${u.value} (set in ${u.setIn})`);
  }
  return `${lines.map(termSafe).join('\n')}\n`;
}

function jsonReport(result: VerifyResult): string {
  return `${JSON.stringify(
    {
      at: result.at.toISOString(),
      exitCode: exitCodeOf(result),
      summary: summaryOf(result),
      checks: result.checks,
      undocumented: result.undocumented,
    },
    null,
    2,
  )}\n`;
}

function xml(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function details(c: Check): string {
  return [
    ...c.locations,
    ...(c.condition ? [`if: ${c.condition}`] : []),
    ...c.findings.flatMap((f) => [`${f.severity}: ${f.code}: ${f.message}`, ...(f.openssl ? [`  $ ${f.openssl}`] : [])]),
    ...(c.consequence ? [`consequence: ${c.consequence}`] : []),
    ...(c.breaks ? [`breaks: ${c.breaks}`] : []),
    ...(c.errors?.length ? [logsLine(c.errors)] : []),
  ].join('\n');
}

function junitReport(result: VerifyResult): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = summaryOf(result);
  out.push(`<testsuites name="certdocs verify" tests="${result.checks.length}" failures="${s.broken}" errors="${s.unreadable}" skipped="${s['not-checkable'] + s['not-applicable']}">`);
  for (const [component, checks] of groups(result.checks)) {
    const n = (st: Status) => checks.filter((c) => c.status === st).length;
    out.push(
      `  <testsuite name="${xml(component)}" tests="${checks.length}" failures="${n('broken')}" errors="${n('unreadable')}" skipped="${n('not-checkable') + n('not-applicable')}" timestamp="${result.at.toISOString().replace(/\.\d+Z$/, '')}">`,
    );
    for (const c of checks) {
      const first = c.findings.find((f) => f.severity !== 'warning') ?? c.findings[0];
      out.push(`    <testcase classname="${xml(`${component}.${c.kind}`)}" name="${xml(c.id)}">`);
      if (c.status === 'broken') out.push(`      <failure type="${xml(first?.code ?? 'broken')}" message="${xml(first?.message ?? '')}">${xml(details(c))}</failure>`);
      else if (c.status === 'unreadable') out.push(`      <error type="${xml(first?.code ?? 'unreadable')}" message="${xml(first?.message ?? '')}">${xml(details(c))}</error>`);
      else if (c.status === 'not-checkable' || c.status === 'not-applicable') out.push(`      <skipped message="${xml(c.reason ?? c.status)}"/>`);
      else if (c.findings.length) out.push(`      <system-out>${xml(`${c.status}\n${details(c)}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

export function render(result: VerifyResult, format: Format): string {
  return format === 'json' ? jsonReport(result) : format === 'junit' ? junitReport(result) : textReport(result);
}
