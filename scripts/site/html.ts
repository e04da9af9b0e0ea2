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

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
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
