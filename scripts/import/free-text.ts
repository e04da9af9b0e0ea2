/**
 * The references in the free text of a resource cell, whatever words stand
 * around them:
 * - every code span that is a flag reference is a flag the resource feeds;
 * - resource references (`cm/<name>`, `<namespace> secret/<name>`, in code or
 *   not) after "input to" are resources it is an input to; after "copied to"
 *   they are copies, which the data has no relation for;
 * - every other reference (a resource named elsewhere, a file path or a flag
 *   without its component in code) stays text and is reported, never dropped
 *   silently.
 * The generator asks the same question ("which references does this purpose
 * state already?") so that what it writes reads back the same.
 */
import type { InlineCode } from 'mdast';
import { visit } from 'unist-util-visit';
import { classifyCode } from './code-ref.ts';
import { CODE, Inline, OPAQUE } from './inline.ts';

export interface FreeText {
  feeds: string[];
  inputTo: string[];
  /** References read but not recorded, and why. */
  notes: string[];
}

/** "input to " / "copied to " as words of the text (not inside code or markup). */
const RELATION = /(?<![\p{L}\p{N}_-])(input|copied) to /giu;
const NAME = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?';
const END = '(?![A-Za-z0-9_/-]|\\.[A-Za-z0-9])';
/** A resource reference written as words: "cm/<name>" or "<namespace> cm/<name>". */
const RESOURCE_WORDS = new RegExp(`^(?:([a-z0-9](?:[a-z0-9-]*[a-z0-9])?) )?((?:cm|secret)/${NAME})${END}`);
/** A resource named anywhere in the words of the text. */
const RESOURCE_MENTION = new RegExp(`(?<![A-Za-z0-9_/-])(?:cm|secret)/${NAME}${END}`, 'g');
const LIST_SEPARATOR = /^(?:, and |, | and )/;

/** Read [start, end) of a cell's projection. */
export function readFreeText(inline: Inline, start = 0, end = inline.text.length): FreeText {
  const text = inline.text.slice(0, end);
  end = text.length;
  const out: FreeText = { feeds: [], inputTo: [], notes: [] };
  const notes = new Set<string>();
  // Projection indexes of the references read in an "input to" or "copied to" list.
  const listed = new Set<number>();
  const copies: string[] = [];
  for (const m of text.matchAll(RELATION)) {
    if (m.index < start) continue;
    const refs = resourceList(inline, text, m.index + m[0].length, listed);
    if (m[1]!.toLowerCase() === 'input') addNew(out.inputTo, refs);
    else copies.push(...refs);
  }
  if (copies.length)
    notes.add(`it says copied to ${copies.map(shown).join(' and ')}; the data has no relation for copies between resources, so this stays text in the purpose`);
  for (const m of text.matchAll(RESOURCE_MENTION)) {
    if (m.index < start || listed.has(m.index)) continue;
    notes.add(`resource ${shown(m[0])} is named outside "input to"; it stays text, not a relation (write "input to ${shown(m[0])}" if it is one)`);
  }
  const codeSpan = (value: string) => {
    const what = classifyCode(value);
    if (what.kind === 'flag') addNew(out.feeds, [value]);
    else if (what.kind === 'resource') notes.add(`resource \`${shown(value)}\` is named outside "input to"; it stays text, not a relation (write "input to ${shown(value)}" if it is one)`);
    else if (what.kind === 'not-a-ref') notes.add(`\`${shown(value)}\` ${what.why}; it stays text`);
  };
  for (let i = start; i < end; i++) {
    if (text[i] === CODE) {
      if (!listed.has(i)) codeSpan(inline.codeAt(i));
    } else if (text[i] === OPAQUE) {
      // Code inside emphasis, links, …: references all the same.
      visit(inline.nodeAt(i)!, 'inlineCode', (node: InlineCode) => codeSpan(node.value));
    }
  }
  out.notes = [...notes];
  return out;
}

/** The resource references listed from `pos` on ("a", "a and b", "a, b and c"); marks where each stands in `listed`. */
function resourceList(inline: Inline, text: string, pos: number, listed: Set<number>): string[] {
  const refs: string[] = [];
  for (;;) {
    if (text[pos] === CODE) {
      const value = inline.codeAt(pos);
      if (classifyCode(value).kind !== 'resource') break;
      refs.push(value);
      listed.add(pos);
      pos += 1;
    } else {
      const m = RESOURCE_WORDS.exec(text.slice(pos));
      if (!m) break;
      refs.push(m[1] ? `${m[1]} ${m[2]}` : m[2]!);
      listed.add(pos + (m[1] ? m[1].length + 1 : 0));
      pos += m[0].length;
    }
    const sep = LIST_SEPARATOR.exec(text.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
  }
  return refs;
}

/** A value as a note shows it: control characters escaped, so that a terminal prints them as text. */
export function shown(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function addNew(list: string[], items: string[]): void {
  for (const item of items) if (!list.includes(item)) list.push(item);
}
