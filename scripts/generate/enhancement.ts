/**
 * generate: the openshift enhancement markdown, built as an mdast tree from
 * the model and serialized by the one remark pipeline (scripts/lib/markdown.ts).
 *
 * Layout and phrasing follow prompts/format.md (the contract with the
 * importer): front matter and sections from document.json; a `| Flag | What’s
 * it for |` table per component, a `| Resource | What’s it for | Who produces
 * it | Who consumes it |` table per namespace, and the embedded diagrams.
 * Every cell is written in one canonical phrasing, so importing the output
 * gives the data back.
 */
import type { Code, Heading, Link, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { stringifyMarkdown } from '../lib/markdown.ts';
import { UserError } from '../lib/problems.ts';
import { ordered, type ComponentNode, type Model, type NamespaceNode } from '../model/model.ts';
import { formatSource, sourceUrl } from '../model/materials.ts';
import { symptomEdges, type SymptomEdge } from '../model/symptoms.ts';
import type { Edge, Flag, Resource, Section, Source } from '../model/types.ts';
import { frontMatterNode } from './frontmatter.ts';
import { materialBlocks } from './material-tables.ts';
import { readFreeText } from '../import/free-text.ts';
import { Inline } from '../import/inline.ts';
import { parseResourceCell } from '../import/resource-cell.ts';
import { blockMarkdown, code, collapseSpaces, inlineMarkdown, joinList, joinWithSpaces, normalisePhrasing, oneLine, plain, readBefore, text } from './phrasing.ts';

export interface EmbeddedDiagram {
  id: string;
  title: string;
  description: string;
  source: string;
}

/** Header cells, exactly as upstream writes them (typographic apostrophe). */
export const FLAG_TABLE_HEADER = ['Flag', 'What’s it for'] as const;
export const RESOURCE_TABLE_HEADER = ['Resource', 'What’s it for', 'Who produces it', 'Who consumes it'] as const;
export const SYMPTOM_TABLE_HEADER = ['Error text', 'Where it shows', 'Source'] as const;

/** The complete enhancement document. Same model and diagrams → byte-identical text. */
export function enhancementMarkdown(model: Model, embedded: EmbeddedDiagram[]): string {
  return stringifyMarkdown(enhancementTree(model, embedded));
}

export function enhancementTree(model: Model, embedded: EmbeddedDiagram[]): Root {
  const document = model.document?.data;
  if (!document) {
    throw new UserError('the data folder has no document.json: the enhancement needs its front matter and sections (run `certdocs import` to create it)');
  }
  const children: RootContent[] = [];
  const yaml = frontMatterNode(document.frontMatter ?? {});
  if (yaml) children.push(yaml);
  for (const section of document.sections) {
    children.push(heading(section.depth, inlineMarkdown(section.title)));
    children.push(...blockMarkdown(section.body));
    children.push(...generatedContent(model, section, embedded));
  }
  return { type: 'root', children };
}

function generatedContent(model: Model, section: Section, embedded: EmbeddedDiagram[]): RootContent[] {
  const depth = Math.min(section.depth + 1, 6);
  switch (section.generated) {
    case 'components':
      return ordered(model.components, section.order).flatMap((c) => componentBlock(c, depth));
    case 'namespaces':
      return ordered(model.namespaces, section.order).flatMap((ns) => namespaceBlock(ns, depth));
    case 'diagrams':
      return embedded.flatMap((d) => diagramBlock(d, depth));
    case 'troubleshooting':
      return symptomEdges(model).flatMap((s) => symptomBlock(s, depth));
    case 'materials':
      return materialBlocks(model, depth);
    default:
      return [];
  }
}

function componentBlock(component: ComponentNode, depth: number): RootContent[] {
  const out: RootContent[] = [heading(depth, plain(component.name))];
  const description = inlineMarkdown(component.data.description ?? '');
  if (description.length) out.push(paragraph(description));
  out.push(table(FLAG_TABLE_HEADER, component.flags.map((f) => flagRow(f.data))));
  return out;
}

function namespaceBlock(namespace: NamespaceNode, depth: number): RootContent[] {
  return [
    heading(depth, plain(namespace.name)),
    ...blockMarkdown(namespace.data.contract),
    table(RESOURCE_TABLE_HEADER, namespace.resources.map((r) => resourceRow(r.data))),
  ];
}

function diagramBlock(diagram: EmbeddedDiagram, depth: number): RootContent[] {
  const source: Code = { type: 'code', lang: 'mermaid', meta: null, value: diagram.source.replace(/\s+$/, '') };
  const description = inlineMarkdown(diagram.description);
  return [heading(depth, inlineMarkdown(diagram.title)), ...(description.length ? [paragraph(description)] : []), source];
}

/**
 * One must-verify edge: who checks it, what breaks, and each error text with
 * where it shows and the source it is read from (regenerated from the data;
 * the importer skips it).
 */
function symptomBlock({ edge, symptoms }: SymptomEdge, depth: number): RootContent[] {
  const sources: PhrasingContent[] = [];
  symptoms.sources.forEach((s, i) => sources.push(...(i ? [text(', ')] : []), sourceLink(s)));
  return [
    heading(depth, [code(edge.verifier), text(' verifies '), code(edge.verified)]),
    paragraph(collapseSpaces(normalisePhrasing([text('Checked by: '), ...inlineMarkdown(symptoms.checkedBy), text('. What breaks: '), ...inlineMarkdown(symptoms.breaks), text('. Read from: '), ...sources, text('.')]))),
    table(
      SYMPTOM_TABLE_HEADER,
      symptoms.errors.map((e) => [[code(e.text)], collapseSpaces(normalisePhrasing(inlineMarkdown(e.seenIn))), [sourceLink(e.source)]]),
    ),
  ];
}

function sourceLink(source: Source): Link {
  return { type: 'link', url: sourceUrl(source), title: null, children: [text(formatSource(source))] };
}

// ---------------------------------------------------------------------------
// Flag rows

export function flagRow(flag: Flag): PhrasingContent[][] {
  return [normalisePhrasing([code(flag.name)]), flagCell(flag)];
}

/** "<purpose> <verify sentences> <verifiable sentences> This interacts with …." */
export function flagCell(flag: Flag): PhrasingContent[] {
  return collapseSpaces(
    normalisePhrasing(
      joinWithSpaces([
        inlineMarkdown(flag.purpose),
        ...edgeSentences(flag.verifies ?? [], 'verifies'),
        ...edgeSentences(flag.verifiedBy ?? [], 'verifiedBy'),
        interactsSentence(flag.interactsWith ?? []),
      ]),
    ),
  );
}

interface EdgeGroup {
  refs: string[];
  condition: PhrasingContent[];
  qualifier: PhrasingContent[];
  consequence: PhrasingContent[];
}

/**
 * Edges grouped by identical (condition, qualifier, consequence), groups in
 * first-appearance order. "Identical" means "reads the same": runs of white
 * space count as one space, and a qualifier or consequence reads the same
 * with or without its final period (the sentence supplies one).
 */
export function groupEdges(edges: Edge[]): EdgeGroup[] {
  const groups = new Map<string, EdgeGroup>();
  for (const edge of edges) {
    // Each piece as it reads where it stands: a condition before ",", the last piece before ".".
    const condition = readBefore(edge.condition ? inlineMarkdown(edge.condition) : [], ',');
    const consequence = readBefore(withoutFinalPeriod(edge.consequence ? inlineMarkdown(edge.consequence) : []), '.');
    const qualifier = withoutFinalPeriod(edge.qualifier ? inlineMarkdown(edge.qualifier) : []);
    if (!consequence.length) qualifier.splice(0, qualifier.length, ...readBefore(qualifier, '.'));
    const key = JSON.stringify([readKey(condition), readKey(qualifier), readKey(consequence)]);
    const group = groups.get(key);
    if (group) group.refs.push(edge.ref);
    else groups.set(key, { refs: [edge.ref], condition, qualifier, consequence });
  }
  return [...groups.values()];
}

/** What a reader takes from a sentence piece: runs of white space are one space. */
function readKey(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.map((n) => (n.type === 'text' ? { ...n, value: n.value.replace(/[ \t]+/g, ' ') } : n));
}

/**
 * A qualifier or consequence without its final period(s): the sentence
 * supplies the one period, and a period before " or <consequence>" would end
 * the sentence early.
 */
function withoutFinalPeriod(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  const last = out[out.length - 1];
  if (last?.type !== 'text') return out;
  const value = last.value.replace(/[\s.]+$/, '');
  if (value) out[out.length - 1] = { ...last, value };
  else out.pop();
  return out;
}

function edgeSentences(edges: Edge[], direction: 'verifies' | 'verifiedBy'): PhrasingContent[][] {
  const verb = direction === 'verifies' ? 'able to verify' : 'verifiable by';
  return groupEdges(edges).map(({ refs, condition, qualifier, consequence }) => {
    const sentence: PhrasingContent[] = [];
    if (condition.length) sentence.push(text('If '), ...condition, text(`, must be ${verb} `));
    else sentence.push(text(`Must be ${verb} `));
    sentence.push(...refList(refs));
    if (qualifier.length) sentence.push(text(' '), ...qualifier);
    if (consequence.length) sentence.push(text(' or '), ...consequence);
    sentence.push(text('.'));
    return sentence;
  });
}

function interactsSentence(refs: string[]): PhrasingContent[] {
  if (!refs.length) return [];
  return [text('This interacts with '), ...refList(refs), text('.')];
}

function refList(refs: string[]): PhrasingContent[] {
  return joinList(refs.map((ref) => [code(ref)]));
}

// ---------------------------------------------------------------------------
// Resource rows

export function resourceRow(resource: Resource): PhrasingContent[][] {
  return [
    plain(resource.name),
    resourceForCell(resource),
    actorList(resource.producers ?? []),
    actorList(resource.consumers ?? []),
  ];
}

/** Actor names joined by ", " (each on one line, trimmed). */
function actorList(names: string[]): PhrasingContent[] {
  return plain(names.map((n) => oneLine(n).trim()).filter(Boolean).join(', '));
}

/**
 * "`a`, published copy of `c` and input to b" then, with a purpose, ". <purpose>". References the
 * purpose already states in its own words ("`a` on every node") are not
 * listed again, when the shorter cell reads back the same.
 */
export function resourceForCell(resource: Resource): PhrasingContent[] {
  const feeds = resource.feeds ?? [];
  const publishes = resource.publishes ?? [];
  const inputTo = resource.inputTo ?? [];
  const purpose = resource.purpose ? collapseSpaces(normalisePhrasing(inlineMarkdown(resource.purpose))) : [];
  const full = forCell(feeds, publishes, inputTo, purpose);
  if (!purpose.length) return full;
  const stated = readFreeText(new Inline(purpose));
  const listed = feeds.filter((f) => !stated.feeds.includes(f));
  const listedInputs = inputTo.filter((r) => !stated.inputTo.includes(r));
  if (listed.length === feeds.length && listedInputs.length === inputTo.length) return full;
  const short = forCell(listed, publishes, listedInputs, purpose);
  return readsSame(short, full) ? short : full;
}

function forCell(feeds: string[], publishes: string[], inputTo: string[], purpose: PhrasingContent[]): PhrasingContent[] {
  const items: PhrasingContent[][] = feeds.map((ref) => [code(ref)]);
  for (const ref of publishes) items.push([text('published copy of '), code(ref)]);
  if (inputTo.length) {
    const refs: PhrasingContent[] = [];
    inputTo.forEach((ref, i) => refs.push(...(i ? [text(' and ')] : []), ...plain(ref)));
    items.push([text('input to '), ...refs]);
  }
  const list = joinList(items);
  const cell = !purpose.length ? list : !list.length ? purpose : [...list, text('. '), ...purpose];
  return collapseSpaces(normalisePhrasing(cell));
}

/** Whether two cells import to the same references and purpose. */
function readsSame(a: PhrasingContent[], b: PhrasingContent[]): boolean {
  const read = (nodes: PhrasingContent[]) => {
    const { feeds, publishes, inputTo, purpose } = parseResourceCell(nodes);
    return JSON.stringify([feeds, publishes, inputTo, purpose]);
  };
  return read(a) === read(b);
}

// ---------------------------------------------------------------------------
// mdast helpers

function heading(depth: number, children: PhrasingContent[]): Heading {
  return { type: 'heading', depth: Math.min(Math.max(depth, 1), 6) as Heading['depth'], children };
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

function table(header: readonly string[], rows: PhrasingContent[][][]): Table {
  const row = (cells: PhrasingContent[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((children): TableCell => ({ type: 'tableCell', children })),
  });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header.map((h) => [text(h)])), ...rows.map(row)],
  };
}
