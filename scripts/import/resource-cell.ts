/**
 * The "What’s it for" cell of a resource row.
 *
 * The canonical phrasing (what `generate` writes) is
 *   `<flag ref>`[, `<flag ref>` …][, published copy of `<flag ref>` …][ and input to <resource ref>[ and <resource ref>]][. <purpose>]
 * or just a purpose. Any other phrasing ("`kubelet --client-ca-file` on every
 * node, mounted from the machine config") is read as free text: the whole
 * cell is the purpose, and the references in it are read wherever they stand
 * (free-text.ts). References in the purpose of a canonical cell count too.
 * So no reference in a cell escapes validation, and generating from the
 * result writes the cell back (enhancement.ts lists only the references the
 * purpose does not state).
 */
import type { PhrasingContent } from 'mdast';
import { classifyCode } from './code-ref.ts';
import { readFreeText, shown } from './free-text.ts';
import { CODE, Inline } from './inline.ts';

export interface ResourceCell {
  purpose?: string;
  feeds: string[];
  /** Flags the resource is a published copy of ("published copy of `…`"). */
  publishes: string[];
  inputTo: string[];
  /** How a cell that is not in the canonical phrasing was read, and references that stay text. */
  problems: string[];
}

const SEPARATOR = /^\s*(?:,\s*and\s+|,\s*|\s+and\s+)/;
const INPUT_TO = /^input to\s+/i;
const PUBLISHED = /^published copy of\s+(?=\uE000)/i;
const INPUT_SEPARATOR = /\s*(?:,\s*and\s+|,\s*|\s+and\s+)\s*/g;
/**
 * An item of a canonical "input to" list: a resource reference, perhaps
 * malformed ("cm/ name", which validation then reports), but no sentence.
 */
const INPUT_ITEM = /^(?:\S+ )?(?:cm|secret) ?\/ ?\S+$/;

export const CANONICAL_PHRASING = '"`<component> <--flag>` and input to <resource>. <purpose>"';

/** True when `ref` can stand in a canonical "input to" list (the generator writes it there). */
export function isInputListItem(ref: string): boolean {
  return INPUT_ITEM.test(ref);
}

interface Prefix {
  feeds: string[];
  publishes: string[];
  inputTo: string[];
  /** Where the purpose starts (after ". "); the cell's length when there is none. */
  purposeStart: number;
}

/** The canonical reference list at the start of the cell; undefined when the cell is not in the canonical phrasing. */
function canonicalPrefix(inline: Inline): Prefix | undefined {
  const text = inline.text;
  const feeds: string[] = [];
  const publishes: string[] = [];
  const inputTo: string[] = [];
  let pos = /^\s*/.exec(text)![0].length;
  let items = 0;
  for (;;) {
    if (text[pos] === CODE) {
      // A file path or a flag without its component is not a feed: it is read as text.
      const value = inline.codeAt(pos);
      const kind = classifyCode(value).kind;
      if (kind !== 'flag' && kind !== 'text') break;
      feeds.push(value);
      pos += 1;
      items++;
    } else if (PUBLISHED.test(text.slice(pos))) {
      const at = pos + PUBLISHED.exec(text.slice(pos))![0].length;
      const value = inline.codeAt(at);
      // As for feeds: a malformed flag reference is kept, for validate to report.
      const kind = classifyCode(value).kind;
      if (kind !== 'flag' && kind !== 'text') break;
      publishes.push(value);
      pos = at + 1;
      items++;
    } else if (INPUT_TO.test(text.slice(pos))) {
      pos += INPUT_TO.exec(text.slice(pos))![0].length;
      // The resource list runs to the end of the sentence.
      const stop = /\.(?=\s|$)/.exec(text.slice(pos));
      const end = stop ? pos + stop.index : text.length;
      let from = pos;
      const chunk = text.slice(pos, end);
      const pieces: Array<[number, number]> = [];
      for (const sep of chunk.matchAll(INPUT_SEPARATOR)) {
        pieces.push([from, pos + sep.index]);
        from = pos + sep.index + sep[0].length;
      }
      pieces.push([from, end]);
      for (const [a, b] of pieces) {
        const ref = inline.plain(a, b);
        if (!ref) continue;
        // "input to cm/a, copied to each master": not a list of references.
        if (!isInputListItem(ref)) return undefined;
        inputTo.push(ref);
      }
      pos = end;
      items++;
      break;
    } else break;
    const sep = SEPARATOR.exec(text.slice(pos));
    if (!sep) break;
    const after = text.slice(pos + sep[0].length);
    if (after[0] !== CODE && !INPUT_TO.test(after) && !PUBLISHED.test(after)) break;
    pos += sep[0].length;
  }
  if (!items) return undefined;
  const rest = text.slice(pos);
  if (!rest.trim() || /^\s*\.\s*$/.test(rest)) return { feeds, publishes, inputTo, purposeStart: text.length };
  const more = /^\s*\.\s+/.exec(rest);
  return more ? { feeds, publishes, inputTo, purposeStart: pos + more[0].length } : undefined;
}

export function parseResourceCell(nodes: readonly PhrasingContent[]): ResourceCell {
  const inline = new Inline(nodes);
  const text = inline.text;
  const prefix = canonicalPrefix(inline);
  const start = prefix?.purposeStart ?? 0;
  const out: ResourceCell = {
    feeds: [...(prefix?.feeds ?? [])],
    publishes: [...(prefix?.publishes ?? [])],
    inputTo: [...(prefix?.inputTo ?? [])],
    problems: [],
  };
  const purpose = inline.markdown(start, text.length);
  if (purpose) out.purpose = purpose;
  const free = readFreeText(inline, start, text.length);
  const feeds = free.feeds.filter((f) => !out.feeds.includes(f) && !out.publishes.includes(f));
  const inputTo = free.inputTo.filter((r) => !out.inputTo.includes(r));
  out.feeds.push(...feeds);
  out.inputTo.push(...inputTo);
  const read = [
    ...(feeds.length ? [`feeds ${feeds.map((f) => `\`${shown(f)}\``).join(' and ')}`] : []),
    ...(inputTo.length ? [`input to ${inputTo.map(shown).join(' and ')}`] : []),
  ].join('; ');
  const opensLikeCanonical = /^\s*(?:\uE000|input to\s|published copy of\s)/i.test(text);
  if (prefix) {
    if (read) out.problems.push(`read ${read} from the words after the reference list too`);
  } else if (read || opensLikeCanonical) {
    out.problems.push(
      `not in the canonical phrasing ${CANONICAL_PHRASING}; read as free text: ${read || 'no flag reference and no "input to" resource in it'}; the whole cell is kept as the purpose, which generate writes back as it is`,
    );
  }
  out.problems.push(...free.notes);
  return out;
}
