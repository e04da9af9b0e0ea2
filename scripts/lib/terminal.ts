/**
 * Text for a terminal: control characters (C0 except newline and tab, DEL,
 * C1) and bidirectional overrides in untrusted text are shown as visible
 * escapes such as `\x1b` or `\u202e`, so data can never move the cursor,
 * recolour or hide what a message says.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with control characters shown visibly; newlines and tabs kept. */
export function visible(text: string): string {
  return text.replace(CONTROL, escape);
}

/** `text` on one line: newlines and tabs shown visibly too. */
export function visibleLine(text: string): string {
  return visible(text).replace(/[\n\t]/g, (ch) => (ch === '\n' ? '\\n' : '\\t'));
}
