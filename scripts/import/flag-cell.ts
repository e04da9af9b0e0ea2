/**
 * The "What’s it for" cell of a flag row: a purpose, then edge sentences
 * ("Must be able to verify `a` and `b` or X will fail.", "If C, must be
 * verifiable by `a` for Q.") and "This interacts with `a` and `b`.".
 * Canonical and upstream phrasings are both understood (see prompts/format.md).
 */
import type { PhrasingContent } from 'mdast';
import type { Edge } from '../model/types.ts';
import { CODE, Inline } from './inline.ts';

export interface FlagCell {
  purpose: string;
  verifies: Edge[];
  verifiedBy: Edge[];
  interactsWith: string[];
  /** Things the parser could not place; each is kept in the purpose. */
  problems: string[];
}

type LeadKind = 'verifies' | 'verifiedBy' | 'interacts';

interface Lead {
  kind: LeadKind;
  /** Projection index where the sentence starts. */
  start: number;
  /** Projection index right after the lead words. */
  end: number;
  /** Condition range ("If <condition>, must …"). */
  condition?: [number, number];
}

/**
 * Lead words of a sentence. "Must" starts a sentence; "must" only follows a
 * condition. The condition may not run across a sentence end (". ") nor
 * over another "If" (a purpose such as "If true, …" without a final period).
 */
const LEADS =
  /(?<=^|\s)(?:Must be (able to verify|verifiable (?:by|with))|If ((?:(?!\.\s|\bIf\s)[^])+?), [Mm]ust be (able to verify|verifiable (?:by|with))|This interacts with)(?=\s)/g;

/** Separators between references in a list: ",", "and", ", and". */
const SEPARATOR = /^\s*(?:,\s*and\s+|,\s*|\s+and\s+)(?=\uE000)/;

function findLeads(text: string, skipped: string[]): Lead[] {
  const leads: Lead[] = [];
  for (const m of text.matchAll(LEADS)) {
    const start = m.index!;
    const end = start + m[0].length;
    // A lead counts only when flag references in backticks follow it.
    if (!/^\s*\uE000/.test(text.slice(end))) {
      skipped.push(m[0]);
      continue;
    }
    if (m[0].startsWith('This')) leads.push({ kind: 'interacts', start, end });
    else if (m[2] !== undefined) {
      const condStart = start + 3;
      leads.push({ kind: m[3]!.startsWith('able') ? 'verifies' : 'verifiedBy', start, end, condition: [condStart, condStart + m[2].length] });
    } else leads.push({ kind: m[1]!.startsWith('able') ? 'verifies' : 'verifiedBy', start, end });
  }
  return leads;
}

/** Read a list of code references starting at `from`; returns the refs and where the list ends. */
function readRefs(inline: Inline, from: number, to: number): { refs: string[]; end: number } {
  const text = inline.text.slice(0, to);
  const refs: string[] = [];
  let pos = from;
  const lead = /^\s*/.exec(text.slice(pos))![0].length;
  if (text[pos + lead] !== CODE) return { refs, end: pos };
  pos += lead;
  refs.push(inline.codeAt(pos));
  pos += 1;
  for (;;) {
    const sep = SEPARATOR.exec(text.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
    refs.push(inline.codeAt(pos));
    pos += 1;
  }
  return { refs, end: pos };
}

export function parseFlagCell(nodes: readonly PhrasingContent[]): FlagCell {
  const inline = new Inline(nodes);
  const text = inline.text;
  const skipped: string[] = [];
  const leads = findLeads(text, skipped);
  const out: FlagCell = { purpose: '', verifies: [], verifiedBy: [], interactsWith: [], problems: [] };
  for (const words of skipped) {
    out.problems.push(`"${words}" is not followed by a flag reference in backticks, so it was not read as an edge (the words stay in the text)`);
  }
  const purposeParts: string[] = [];
  const head = inline.markdown(0, leads[0]?.start ?? text.length);
  if (head) purposeParts.push(head);

  leads.forEach((lead, i) => {
    const limit = leads[i + 1]?.start ?? text.length;
    const { refs, end } = readRefs(inline, lead.end, limit);
    const tail = text.slice(end, limit);
    if (lead.kind === 'interacts') {
      out.interactsWith.push(...refs);
      const rest = /^\s*\.*\s*/.exec(tail)![0].length;
      if (end + rest < limit) {
        const extra = inline.markdown(end + rest, limit);
        out.problems.push(`text after "This interacts with …" is not understood and was kept in the purpose: ${JSON.stringify(extra)}`);
        purposeParts.push(extra);
      }
      return;
    }
    // Right after the references, periods end the sentence ("`x`." or upstream's "`x`.."); whatever
    // follows before the next sentence is not understood. Otherwise a qualifier and/or a consequence
    // run to the next sentence (or the end of the cell), less the one period that closes the sentence.
    let bodyEnd: number;
    let afterStop: number;
    const closed = /^\s*\.+/.exec(tail);
    if (closed) {
      bodyEnd = end;
      afterStop = end + closed[0].length;
    } else {
      const body = tail.replace(/\s+$/, '');
      bodyEnd = end + (body.endsWith('.') ? body.length - 1 : body.length);
      afterStop = limit;
    }
    const edgeText = text.slice(end, bodyEnd);
    const base: Omit<Edge, 'ref'> = {};
    if (lead.condition) {
      const condition = inline.markdown(lead.condition[0], lead.condition[1]);
      if (condition) base.condition = condition;
    }
    const trimmedStart = end + /^\s*/.exec(edgeText)![0].length;
    const rel = text.slice(trimmedStart, bodyEnd);
    let qualifier: [number, number] | undefined;
    let consequence: [number, number] | undefined;
    if (/^or\s/.test(rel)) consequence = [trimmedStart + 3, bodyEnd];
    else {
      const or = /\sor\s/.exec(rel);
      if (or) {
        qualifier = [trimmedStart, trimmedStart + or.index];
        consequence = [trimmedStart + or.index + or[0].length, bodyEnd];
      } else if (rel.trim()) qualifier = [trimmedStart, bodyEnd];
    }
    if (qualifier) {
      const q = inline.markdown(qualifier[0], qualifier[1]);
      if (q) base.qualifier = q;
    }
    if (consequence) {
      const c = inline.markdown(consequence[0], consequence[1]);
      if (c) base.consequence = c;
    }
    const list = lead.kind === 'verifies' ? out.verifies : out.verifiedBy;
    for (const ref of refs) list.push({ ref, ...base });
    if (afterStop < limit && text.slice(afterStop, limit).trim()) {
      const extra = inline.markdown(afterStop, limit);
      out.problems.push(`text after a "must" sentence is not understood and was kept in the purpose: ${JSON.stringify(extra)}`);
      purposeParts.push(extra);
    }
  });
  out.purpose = purposeParts.join(' ');
  return out;
}
