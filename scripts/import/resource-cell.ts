/**
 * The "What’s it for" cell of a resource row:
 *   `<flag ref>`[, `<flag ref>` …][ and input to <resource ref>[ and <resource ref>]][. <purpose>]
 * or just a purpose.
 */
import type { PhrasingContent } from 'mdast';
import { CODE, Inline } from './inline.ts';

export interface ResourceCell {
  purpose?: string;
  feeds: string[];
  inputTo: string[];
  problems: string[];
}

const SEPARATOR = /^\s*(?:,\s*and\s+|,\s*|\s+and\s+)/;
const INPUT_TO = /^input to\s+/i;
const INPUT_SEPARATOR = /\s*(?:,\s*and\s+|,\s*|\s+and\s+)\s*/g;

export function parseResourceCell(nodes: readonly PhrasingContent[]): ResourceCell {
  const inline = new Inline(nodes);
  const text = inline.text;
  const out: ResourceCell = { feeds: [], inputTo: [], problems: [] };
  let pos = /^\s*/.exec(text)![0].length;
  let items = 0;
  for (;;) {
    if (text[pos] === CODE) {
      out.feeds.push(inline.codeAt(pos));
      pos += 1;
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
        if (ref) out.inputTo.push(ref);
      }
      pos = end;
      items++;
      break;
    } else break;
    const sep = SEPARATOR.exec(text.slice(pos));
    if (!sep) break;
    const after = text.slice(pos + sep[0].length);
    if (after[0] !== CODE && !INPUT_TO.test(after)) break;
    pos += sep[0].length;
  }
  const rest = text.slice(pos);
  if (!items) {
    const purpose = inline.markdown(0, text.length);
    if (purpose) out.purpose = purpose;
    return out;
  }
  if (!rest.trim() || /^\s*\.\s*$/.test(rest)) return out;
  const more = /^\s*\.\s+/.exec(rest);
  if (more) {
    const purpose = inline.markdown(pos + more[0].length, text.length);
    if (purpose) out.purpose = purpose;
    return out;
  }
  // Not the "feeds … and input to …" phrase after all: keep the whole cell as the purpose.
  out.feeds = [];
  out.inputTo = [];
  out.purpose = inline.markdown(0, text.length);
  out.problems.push(
    `could not read which flags this resource feeds from ${JSON.stringify(out.purpose)}; kept the whole cell as its purpose (write "\`<component> <--flag>\` and input to <resource>. <purpose>")`,
  );
  return out;
}
