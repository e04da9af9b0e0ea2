/**
 * From an error line in a log to the must-verify edges that explain it, for a
 * terminal: the same ranking as the site's troubleshooting page
 * (templates/assets/troubleshoot-rank.js), and for each candidate its flag
 * pair, who checks it, what breaks, the material behind each side and the
 * commands that inspect it. Everything here reads the model; the pasted line
 * is only compared, never interpreted.
 */
import { detectComponent, logLines, rankEdges, rankLines } from '../../templates/assets/troubleshoot-rank.js';
import { plural } from '../lib/plural.ts';
import { formatLocation, materialsOf, signerChain } from '../model/materials.ts';
import type { Model, TrustEdge } from '../model/model.ts';
import { documentedTexts, rankData, symptomsOf } from '../model/symptoms.ts';
import { MATERIAL_TYPE_LABELS } from '../model/types.ts';
import { edgeCommands, type Command } from './inspect.ts';

export interface TroubleshootCandidate {
  /** 1 for the best. */
  rank: number;
  /** Also the edge's anchor on the site's troubleshooting page. */
  id: string;
  score: number;
  /** The documented error texts the line contains. */
  matched: string[];
  verifier: string;
  verified: string;
  condition?: string;
  checkedBy?: string;
  breaks?: string;
  /** The ConfigMaps and Secrets that feed each side. */
  verifierResources: string[];
  verifiedResources: string[];
  /** The certificate material behind each side: "id (type, signed by …) at place". */
  verifierMaterial: string[];
  verifiedMaterial: string[];
  commands: Command[];
}

export interface TroubleshootReport {
  line: string;
  /** Who wrote the line: given, or read from the line's markers; undefined when neither. */
  component?: string;
  componentFrom?: 'option' | 'line';
  candidates: TroubleshootCandidate[];
  /** How many edges matched before `limit` cut the list. */
  total: number;
  /** Every documented error text, to show when nothing matched. */
  known: string[];
}

function materialLines(model: Model, ref: string): string[] {
  return materialsOf(model, ref).map((m) => {
    const chain = signerChain(model, m);
    const signer = chain.length ? `, signed by ${chain[0]!.id}` : m.data.signedBy?.selfSigned ? ', self-signed' : '';
    return `${m.key} (${MATERIAL_TYPE_LABELS[m.data.type]}${signer}) at ${formatLocation(m.data.locations[0]!)}`;
  });
}

function candidate(model: Model, e: TrustEdge, hit: { id: string; score: number; matched: string[] }, rank: number): TroubleshootCandidate {
  const s = symptomsOf(e);
  const condition = e.verifierSide?.edge.condition ?? e.verifiedSide?.edge.condition;
  const resources = (ref: string) => (model.feedersOf.get(ref) ?? []).map((r) => r.ref);
  return {
    rank,
    id: hit.id,
    score: hit.score,
    matched: hit.matched,
    verifier: e.verifier,
    verified: e.verified,
    ...(condition ? { condition } : {}),
    ...(s ? { checkedBy: s.checkedBy, breaks: s.breaks } : {}),
    verifierResources: resources(e.verifier),
    verifiedResources: resources(e.verified),
    verifierMaterial: materialLines(model, e.verifier),
    verifiedMaterial: materialLines(model, e.verified),
    commands: edgeCommands(model, e),
  };
}

/** The edges whose documented error texts the line contains, best first (at most `limit`). */
export function troubleshoot(model: Model, line: string, options: { component?: string; limit?: number } = {}): TroubleshootReport {
  const data = rankData(model);
  const component = options.component ?? detectComponent(line);
  const hits = rankEdges(line, data, component);
  const byId = new Map(data.map((d, i) => [d.id, model.edges[i]!]));
  const limit = options.limit ?? hits.length;
  return {
    line,
    ...(component ? { component, componentFrom: options.component ? ('option' as const) : ('line' as const) } : {}),
    candidates: hits.slice(0, limit).map((hit, i) => candidate(model, byId.get(hit.id)!, hit, i + 1)),
    total: hits.length,
    known: documentedTexts(data),
  };
}

const clip = (text: string, max = 300) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** One candidate's details, as lines. */
function candidateLines(c: TroubleshootCandidate, lines: string[]): void {
  lines.push(`   matched: ${c.matched.map((t) => JSON.stringify(t)).join(', ')}`);
  if (c.condition) lines.push(`   applies if: ${c.condition}`);
  if (c.checkedBy) lines.push(`   checked by: ${c.checkedBy}`);
  if (c.breaks) lines.push(`   breaks: ${c.breaks}`);
  const side = (label: string, flag: string, resources: string[], material: string[]) => {
    lines.push(`   ${label}: ${flag}`);
    for (const r of resources) lines.push(`     fed by ${r}`);
    for (const m of material) lines.push(`     material ${m}`);
  };
  side('verifier', c.verifier, c.verifierResources, c.verifierMaterial);
  side('verified', c.verified, c.verifiedResources, c.verifiedMaterial);
  if (c.commands.length) {
    lines.push('   inspect (read-only):');
    for (const cmd of c.commands) lines.push(`     # ${cmd.label}`, `     ${cmd.command}`);
  }
}

function noMatch(known: string[], lines: string[], what: string): void {
  lines.push('', `No documented error text is in ${what}. The documented texts are:`);
  for (const t of known) lines.push(`  ${t}`);
  lines.push('', 'Paste the whole log line, including the error after "err=" or ": ".');
}

/** The report as text for a terminal (the caller shows control characters visibly). */
export function troubleshootText(report: TroubleshootReport): string {
  const lines: string[] = [];
  lines.push(`Error line: ${clip(report.line)}`);
  if (report.component) lines.push(`Written by: ${report.component} (${report.componentFrom === 'option' ? 'as given' : 'read from the line'})`);
  if (!report.candidates.length) {
    noMatch(report.known, lines, 'this line');
    return `${lines.join('\n')}\n`;
  }
  const more = report.total > report.candidates.length ? ` (of ${report.total}; --limit shows more)` : '';
  lines.push(`Candidate edges, most likely first${more}:`);
  for (const c of report.candidates) {
    lines.push('', `${c.rank}. ${c.verifier} must be able to verify ${c.verified}`);
    candidateLines(c, lines);
  }
  return `${lines.join('\n')}\n`;
}

export interface LogEdge {
  /** The edge ranked first for these lines, with its details. */
  candidate: TroubleshootCandidate;
  /** How many lines rank it first. */
  lines: number;
  /** The first of them, as read. */
  example: string;
}

export interface LogReport {
  /** Non-empty lines read. */
  lines: number;
  /** Lines that contain a documented error text. */
  matchedLines: number;
  /** Edges by how many lines rank them first, most first (at most `limit`). */
  edges: LogEdge[];
  /** How many different edges were ranked first before `limit` cut the list. */
  total: number;
  known: string[];
}

/**
 * Several log lines: each line is ranked on its own (who wrote it read from
 * that line, unless given), and the edges are counted by how many lines rank
 * them first, so a log with many different errors is not read as one line.
 */
export function troubleshootLog(model: Model, text: string, options: { component?: string; limit?: number } = {}): LogReport {
  const data = rankData(model);
  const byId = new Map(data.map((d, i) => [d.id, model.edges[i]!]));
  const ranked = rankLines(text, data, options.component);
  const nonEmpty = logLines(text);
  const limit = options.limit ?? ranked.edges.length;
  return {
    lines: ranked.lines,
    matchedLines: ranked.matchedLines,
    edges: ranked.edges.slice(0, limit).map((r, i) => ({ candidate: candidate(model, byId.get(r.id)!, r, i + 1), lines: r.lines, example: nonEmpty[r.first]! })),
    total: ranked.edges.length,
    known: documentedTexts(data),
  };
}

/** The log report as text for a terminal (the caller shows control characters visibly). */
export function troubleshootLogText(report: LogReport): string {
  const out: string[] = [];
  out.push(`Log: ${plural(report.lines, 'line')}, ${report.matchedLines} with a documented error text.`);
  if (!report.edges.length) {
    noMatch(report.known, out, 'any of these lines');
    return `${out.join('\n')}\n`;
  }
  const more = report.total > report.edges.length ? ` (of ${report.total}; --limit shows more)` : '';
  out.push(`Edges the lines point to, most lines first${more}:`);
  for (const e of report.edges) {
    const c = e.candidate;
    out.push('', `${c.rank}. ${c.verifier} must be able to verify ${c.verified}: ${plural(e.lines, 'line')}, first:`, `   ${clip(e.example)}`);
    candidateLines(c, out);
  }
  return `${out.join('\n')}\n`;
}
