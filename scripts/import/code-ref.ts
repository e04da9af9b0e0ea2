/**
 * What a code span in a resource cell names:
 * - `flag`: a flag reference "<component> <--flag>", or one with an obvious
 *   typo ("kube-apiserver--client-ca-file"), kept so that validation reports it;
 * - `resource`: a resource reference "cm/<name>", "<namespace> secret/<name>"
 *   (or one with an obvious typo, "cm/ name");
 * - `not-a-ref`: it looks like a reference (it has "--", "/" or "=") but names
 *   no kind of thing the data knows: a file path, a flag with a value, a flag
 *   without its component. It stays text, and the importer says why;
 * - `text`: anything else (`true`, `code`), which is just text.
 */
import { parseFlagRef, parseResourceRef, suggestResourceName } from '../model/refs.ts';

export type CodeSpan = { kind: 'flag' | 'resource' | 'text' } | { kind: 'not-a-ref'; why: string };

/** Any namespace will do: only the form of "cm/<name>" is checked here. */
const SOME_NAMESPACE = 'namespace';

export function classifyCode(value: string): CodeSpan {
  const flag = parseFlagRef(value);
  if (flag.ok || flag.suggestion) return { kind: 'flag' };
  if (parseResourceRef(value, SOME_NAMESPACE).ok || suggestResourceName(value)) return { kind: 'resource' };
  if (/^--[a-z0-9][a-z0-9-]*$/.test(value)) return { kind: 'not-a-ref', why: 'names a flag without its component (write "<component> <--flag>" to record it)' };
  if (/--|\/|=/.test(value)) return { kind: 'not-a-ref', why: 'is neither a flag reference ("<component> <--flag>") nor a resource reference ("cm/<name>", "secret/<name>")' };
  return { kind: 'text' };
}
