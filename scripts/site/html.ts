/**
 * `html` tagged templates: every interpolated value is escaped unless it is
 * already Html (built by `html` or marked with `raw` — only for HTML the
 * build produced itself, e.g. rendered markdown, where raw HTML is text).
 * Arrays are joined; undefined, null and false print nothing.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | boolean | null | undefined | Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A character above U+00FF as a numeric character reference (valid in HTML text, attributes and XML). */
export const charRef = (c: string) => `&#x${c.codePointAt(0)!.toString(16)};`;
const ABOVE_LATIN1 = /[^\u0000-\u00ff]/u;
const ABOVE_LATIN1_ALL = /[^\u0000-\u00ff]/gu;

/**
 * Text for HTML text or an attribute value. Characters above U+00FF become
 * character references, so the pages stay Latin-1 strings: V8 stores a
 * string holding even one such character at two bytes per character, and
 * Eleventy keeps every page in memory until the build ends (0.3 GB of
 * pages at 20,000 flags). The browser shows the same text.
 */
export function escape(text: string): string {
  // Most values (names, URLs, flags) hold nothing to escape: one scan decides.
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? charRef(c)) : text;
}
const NEEDS_ESCAPE = /[&<>"'\u0100-\uffff]/;
const TO_ESCAPE = /[&<>"']|[^\u0000-\u00ff]/gu;

/** HTML text with characters above U+00FF as character references (for HTML that has no <script> or <style> of its own). */
export function latin1Html(htmlText: string): string {
  return ABOVE_LATIN1.test(htmlText) ? htmlText.replace(ABOVE_LATIN1_ALL, charRef) : htmlText;
}

function print(part: Part): string {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(print).join('');
  if (part === undefined || part === null || part === false) return '';
  return escape(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += print(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** HTML the build made itself (rendered markdown, sanitized SVG). */
export function raw(trusted: string | undefined): Html {
  return new Html(trusted ?? '');
}

/** Items separated by `sep`. */
export function join(items: Part[], sep: Part): Html {
  return new Html(items.map(print).join(print(sep)));
}
