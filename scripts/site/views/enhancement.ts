/** The enhancement page's view: the generated document rendered, its front matter, the diagrams it shows. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagramFigure } from '../diagrams.ts';
import { renderDocument, type Heading } from '../markdown.ts';
import { frontMatterData, parseMarkdownCached } from '../parse-cache.ts';
import type { Builder } from './builder.ts';

export interface EnhancementView {
  available: boolean;
  file: string;
  html: string;
  headings: Heading[];
  frontMatter: Array<{ key: string; value: string }>;
  /** Diagrams shown in the document. */
  diagrams: string[];
}

export function enhancementView(b: Builder): EnhancementView {
  const file = path.relative(process.cwd(), b.settings.enhancementFile).split(path.sep).join('/');
  let text: string;
  try {
    text = readFileSync(b.settings.enhancementFile, 'utf8');
  } catch {
    return { available: false, file, html: '', headings: [], frontMatter: [], diagrams: [] };
  }
  // Mermaid blocks that match a diagram are shown as its rendered figure.
  const bySource = new Map<string, string>();
  for (const d of b.diagrams.values()) bySource.set(d.source.trim(), d.id);
  const used: string[] = [];
  const { root } = parseMarkdownCached(text, b.settings.cacheDir);
  const data = frontMatterData(root);
  const { html, headings } = renderDocument(root, b.linker, (lang, content) => {
    if (lang !== 'mermaid') return undefined;
    const id = bySource.get(content.trim());
    if (!id) return undefined;
    used.push(id);
    return diagramFigure(b.diagrams.get(id));
  });
  // Read with the tree (scripts/site/parse-cache.ts); a mapping is shown as key and value rows.
  const frontMatter: EnhancementView['frontMatter'] = [];
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) frontMatter.push({ key, value: frontMatterValue(value) });
  }
  return { available: true, file, html, headings, frontMatter, diagrams: used };
}

/** A front matter value as text: scalars as written, lists joined with commas, nested mappings as compact JSON (never "[object Object]"). */
export function frontMatterValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(frontMatterValue).join(', ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
