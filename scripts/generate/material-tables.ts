/**
 * The enhancement's certificate-material tables: per distribution, one row per
 * signer, CA bundle, cert/key pair and key pair answering what signs it, who
 * creates it, how long it is valid, how often it is refreshed and who owns it,
 * with the ids of the sources those facts were read from; then a table of the
 * sources. Rows are sorted by id so a one-fact change is a one-row diff.
 */
import type { PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import { cmp } from '../lib/problems.ts';
import { describeDuration, humanDuration } from '../lib/duration.ts';
import type { DistributionNode, MaterialNode, Model } from '../model/model.ts';
import { bundleSigners, formatLocation, refreshSeconds } from '../model/materials.ts';
import { MATERIAL_TYPE_LABELS } from '../model/types.ts';
import { code, inlineMarkdown, joinList, plain, text } from './phrasing.ts';

export const MATERIAL_TABLE_HEADER = ['Certificate', 'Type', 'Signed by', 'Created by', 'Validity', 'Refresh', 'Owner', 'Sources'] as const;
export const SOURCE_TABLE_HEADER = ['Source', 'Repository', 'Path', 'Symbol', 'Release'] as const;

const MECHANISM_WORDS: Record<string, string> = {
  installer: 'installer',
  'rotation-controller': 'rotation controller',
  'bundle-controller': 'bundle controller',
  copy: 'copy',
  'key-controller': 'key controller',
  'csr-signer': 'CSR signer',
  'kubelet-csr': 'CSR from the kubelet',
  kubeadm: 'kubeadm',
  admin: 'admin',
};

export const mechanismWords = (mechanism: string): string => MECHANISM_WORDS[mechanism] ?? mechanism;

/** "not documented" plus where it was looked for, when the data records it. */
function gapCell(m: MaterialNode, field: string): PhrasingContent[] {
  return m.data.gaps?.some((g) => g.field === field) ? plain('not found (see gaps)') : plain('not documented');
}

export function signedByCell(model: Model, m: MaterialNode): PhrasingContent[] {
  if (m.data.type === 'key-pair') return plain('not a certificate');
  if (m.data.type === 'ca-bundle') {
    const signers = bundleSigners(model, m);
    return signers.length ? [text('trusts '), ...joinList(signers.map((s) => [code(s.id)]))] : gapCell(m, 'signedBy');
  }
  const sb = m.data.signedBy;
  if (!sb) return gapCell(m, 'signedBy');
  if (sb.selfSigned) return plain('self-signed');
  return m.data.type === 'token' ? [text('key pair '), code(sb.signer!)] : [code(sb.signer!)];
}

export function createdByCell(m: MaterialNode): PhrasingContent[] {
  const c = m.data.createdBy;
  return c ? plain(`${c.actor} (${mechanismWords(c.mechanism)})`) : gapCell(m, 'createdBy');
}

export function validityWords(m: MaterialNode): string | undefined {
  const v = m.data.validity;
  if (!v) return m.data.type === 'ca-bundle' ? 'each certificate until it expires' : undefined;
  return v.duration ? describeDuration(v.duration) : v.text;
}

export function refreshWords(model: Model, m: MaterialNode): string | undefined {
  const r = m.data.refresh;
  if (r?.notTimeRotated) return 'not time-rotated';
  if (r?.duration) return describeDuration(r.duration);
  if (r?.text) return r.text;
  if (m.data.type === 'ca-bundle') {
    const s = refreshSeconds(model, m);
    return s === undefined ? undefined : `when a signer it trusts changes (at most every ${humanDuration(s)})`;
  }
  return undefined;
}

/** Source ids of every fact of a material, in the order the facts are listed, without repeats. */
export function sourceIds(m: MaterialNode): string[] {
  const ids = [
    m.data.signedBy?.source,
    m.data.combines?.source,
    m.data.createdBy?.source,
    m.data.validity?.source,
    m.data.refresh?.source,
    m.data.owner?.source,
    ...m.data.locations.flatMap((l) => [l.source, l.copy?.source]),
    ...(m.data.feeds ?? []).map((f) => f.source),
  ];
  return [...new Set(ids.filter((x): x is string => !!x))];
}

function row(cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children): TableCell => ({ type: 'tableCell', children })) };
}

function table(header: readonly string[], rows: PhrasingContent[][][]): Table {
  return { type: 'table', align: header.map(() => null), children: [row(header.map((h) => [text(h)])), ...rows.map(row)] };
}

export function materialRow(model: Model, m: MaterialNode): PhrasingContent[][] {
  const or = (s: string | undefined, field: string) => (s === undefined ? gapCell(m, field) : plain(s));
  return [
    [code(m.id), text(' '), ...plain(formatLocation(m.data.locations[0]!))],
    plain(MATERIAL_TYPE_LABELS[m.data.type]),
    signedByCell(model, m),
    createdByCell(m),
    or(validityWords(m), 'validity'),
    or(refreshWords(model, m), 'refresh'),
    m.data.owner ? plain(m.data.owner.component) : gapCell(m, 'owner'),
    joinList(sourceIds(m).map((id) => [code(id)])),
  ];
}

function distributionBlock(model: Model, dist: DistributionNode, depth: number): RootContent[] {
  const heading = (d: number, children: PhrasingContent[]): RootContent => ({ type: 'heading', depth: Math.min(d, 6) as 1, children });
  const materials = [...dist.byId.values()].sort((a, b) => cmp(a.id, b.id));
  const description = inlineMarkdown(dist.data.description ?? '');
  const sources = Object.entries(dist.data.sources).sort(([a], [b]) => cmp(a, b));
  const gaps = materials.flatMap((m) => (m.data.gaps ?? []).map((g) => ({ m, g })));
  const out: RootContent[] = [heading(depth, plain(dist.name))];
  if (description.length) out.push({ type: 'paragraph', children: description });
  out.push(table(MATERIAL_TABLE_HEADER, materials.map((m) => materialRow(model, m))));
  if (gaps.length) {
    out.push({ type: 'paragraph', children: plain('Facts looked for and not found:') });
    out.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: gaps.map(({ m, g }) => ({
        type: 'listItem',
        spread: false,
        children: [{ type: 'paragraph', children: [code(m.id), text(` ${g.field}: `), ...inlineMarkdown(g.lookedIn)] }],
      })),
    });
  }
  out.push(
    table(
      SOURCE_TABLE_HEADER,
      sources.map(([id, s]) => [[code(id)], plain(s.repository), [code(`${s.path}${s.lines ? `:${s.lines}` : ''}`)], plain(s.symbol ?? ''), plain(`${s.release}${s.commit ? ` (${s.commit.slice(0, 12)})` : ''}`)]),
    ),
  );
  return out;
}

/** The generated content of a section with `"generated": "materials"`. */
export function materialBlocks(model: Model, depth: number): RootContent[] {
  return model.distributions.flatMap((d) => distributionBlock(model, d, depth));
}
