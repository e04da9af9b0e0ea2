/**
 * Site views of the certificate material: the four answers at the top of each
 * flag and resource page (following flag → material → signer), the rotation
 * page (every certificate by refresh period) and the signer tree page. Plain
 * data; the HTML is in pages/answers.ts. Counts come from the same coverage
 * requirements as `certdocs coverage`, so home, coverage and pages agree.
 */
import { cmp } from '../lib/problems.ts';
import { describeDuration, humanDuration } from '../lib/duration.ts';
import { resolveFlagRef, type MaterialNode, type Model, type ResourceNode } from '../model/model.ts';
import { allMaterials, bundleSigners, feedChain, formatLocation, materialsAt, materialsOf, refreshSeconds, resourceWrites, signerChain, sourceOf, sourceUrl } from '../model/materials.ts';
import { MATERIAL_TYPE_LABELS } from '../model/types.ts';
import { inspectCoverage } from '../review/coverage.ts';
import { mechanismWords, refreshWords, sourceIds, validityWords } from '../generate/material-tables.ts';
import { signerDiagramId } from '../generate/diagrams.ts';

export const ROTATION_URL = '/rotation/';
export const SIGNERS_URL = '/signers/';

export interface SourceLinkView {
  id: string;
  /** "openshift/cluster-kube-apiserver-operator pkg/…/x.go:150-207 @ release-4.21". */
  label: string;
  href: string;
}

/** One answer with the source of the fact. */
export interface FactView {
  text: string;
  source?: SourceLinkView;
}

export interface MaterialView {
  key: string;
  id: string;
  distribution: string;
  typeLabel: string;
  description?: string;
  subject?: string;
  /** Where it lives, the first one where it is made, then copies ("copied by X after 5m"). */
  locations: Array<{ where: string; copy?: string; source?: SourceLinkView }>;
  /** The signer chain, nearest first, ending "(self-signed)" when the root is known. */
  signedBy: FactView;
  createdBy: FactView;
  validity: FactView;
  refresh: FactView;
  owner: FactView;
  regeneration?: FactView & { recovers?: boolean };
  /** Every source the material's facts cite, without repeats. */
  sources: SourceLinkView[];
  gaps: Array<{ field: string; lookedIn: string }>;
  /** Flags it feeds (references). */
  feeds: string[];
  refreshSeconds?: number;
}

export interface AnswersView {
  materials: MaterialView[];
}

export interface RotationRow {
  material: MaterialView;
  /** "every 15 days", "not time-rotated", "not documented". */
  period: string;
}

export interface MaterialSiteData {
  urls: { rotation: string; signers: string };
  /** Flag or resource reference → the material behind it. */
  answers: Record<string, AnswersView>;
  rotation: RotationRow[];
  signers: { diagrams: string[]; roots: SignerNode[] };
  /** The same figures as `certdocs coverage`: items the four questions apply to, and how many each answers. */
  coverage: { items: number; answered: Record<'creation' | 'signer' | 'rotation' | 'owner', number> };
}

export interface SignerNode {
  material: MaterialView;
  /** Materials it signs directly (signers nested), then the bundles that trust it. */
  signs: SignerNode[];
  trustedBy: MaterialView[];
}

const UNKNOWN = 'not documented yet';

function sourceLink(model: Model, m: MaterialNode, id: string | undefined): SourceLinkView | undefined {
  const s = sourceOf(model, m, id);
  if (!s || !id) return undefined;
  return { id, label: `${s.repository} ${s.path}${s.lines ? `:${s.lines}` : ''} @ ${s.release}`, href: sourceUrl(s) };
}

/** What backs a resource's producer: the material it writes there and the source that says so (the creator's, or the copy's). */
export interface ProducerCitation {
  /** The material (e.g. distribution "openshift", id "client-ca"). */
  distribution: string;
  id: string;
  /** Whether the producer writes a copy of material that lives elsewhere. */
  copy: boolean;
  /** A key pair in a ConfigMap: only its public key is there. */
  publicKeyOnly: boolean;
  source?: SourceLinkView;
}

/** For each producer of a resource that a material's source shows writing it, the first such material (resourceWrites order). */
export function producerCitations(model: Model, r: ResourceNode): Map<string, ProducerCitation> {
  const out = new Map<string, ProducerCitation>();
  for (const w of resourceWrites(model, r)) {
    if (out.has(w.writer)) continue;
    const link = sourceLink(model, w.material, w.location.copy ? w.location.copy.source : w.material.data.createdBy?.source);
    out.set(w.writer, {
      distribution: w.material.distribution,
      id: w.material.id,
      copy: w.location.copy !== undefined,
      publicKeyOnly: w.material.data.type === 'key-pair' && w.location.kind === 'ConfigMap',
      ...(link ? { source: link } : {}),
    });
  }
  return out;
}

/** What backs a resource feeding a flag: the material from the resource to the one that feeds the flag, and that feed's source. */
export interface FeedCitation {
  /** From the material held in the resource to the CA bundle (built from it) that feeds the flag; one entry when it feeds the flag itself. */
  chain: Array<{ distribution: string; id: string }>;
  source?: SourceLinkView;
}

/** The citation behind each flag a resource feeds (by flag reference as written), when documented material connects them. */
export function feedCitations(model: Model, r: ResourceNode, flags: readonly string[] = r.data.feeds ?? []): Map<string, FeedCitation> {
  const out = new Map<string, FeedCitation>();
  for (const written of flags) {
    const flagRef = resolveFlagRef(written) ?? written;
    const chain = feedChain(model, r, flagRef);
    if (!chain) continue;
    const last = chain[chain.length - 1]!;
    const link = sourceLink(model, last, last.data.feeds?.find((f) => resolveFlagRef(f.flag) === flagRef)?.source);
    out.set(written, { chain: chain.map((x) => ({ distribution: x.distribution, id: x.id })), ...(link ? { source: link } : {}) });
  }
  return out;
}

function fact(model: Model, m: MaterialNode, text: string | undefined, source: string | undefined): FactView {
  const link = sourceLink(model, m, source);
  return { text: text ?? UNKNOWN, ...(link ? { source: link } : {}) };
}

function signedByText(model: Model, m: MaterialNode): { text: string | undefined; source?: string } {
  if (m.data.type === 'key-pair') return { text: 'not a certificate: nothing signs it', source: m.data.validity?.source };
  if (m.data.type === 'ca-bundle') {
    const signers = bundleSigners(model, m);
    return { text: signers.length ? `trusts ${signers.map((s) => s.id).join(', ')}` : undefined, source: m.data.combines?.source };
  }
  const sb = m.data.signedBy;
  if (!sb) return { text: undefined };
  if (sb.selfSigned) return { text: 'self-signed', source: sb.source };
  const chain = signerChain(model, m);
  if (m.data.type === 'token') return { text: chain.length ? `the key pair ${chain[0]!.id}` : undefined, source: sb.source };
  const root = chain[chain.length - 1];
  const tail = root?.data.signedBy?.selfSigned ? ' (self-signed)' : '';
  return { text: `${chain.map((s) => s.id).join(' ← ')}${tail}`, source: sb.source };
}

export function materialView(model: Model, m: MaterialNode): MaterialView {
  const d = m.data;
  const signed = signedByText(model, m);
  const seconds = refreshSeconds(model, m);
  const view: MaterialView = {
    key: m.key,
    id: m.id,
    distribution: m.distribution,
    typeLabel: MATERIAL_TYPE_LABELS[d.type],
    ...(d.description ? { description: d.description } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    locations: d.locations.map((loc) => {
      const keys = loc.keys?.length ? ` (${loc.keys.join(', ')})` : '';
      const copy = loc.copy ? `copied by ${loc.copy.by ?? 'an unnamed actor'}${loc.copy.delay ? ` after ${describeDuration(loc.copy.delay)}` : ''}${loc.copy.text ? `: ${loc.copy.text}` : ''}` : undefined;
      const source = sourceLink(model, m, loc.copy?.source ?? loc.source);
      return { where: `${formatLocation(loc)}${keys}`, ...(copy ? { copy } : {}), ...(source ? { source } : {}) };
    }),
    signedBy: fact(model, m, signed.text, signed.source),
    createdBy: fact(model, m, d.createdBy ? `${d.createdBy.actor} (${mechanismWords(d.createdBy.mechanism)})${d.createdBy.text ? `: ${d.createdBy.text}` : ''}` : undefined, d.createdBy?.source),
    validity: fact(model, m, validityWords(m), d.validity?.source ?? d.combines?.source),
    refresh: fact(model, m, refreshWords(model, m), d.refresh?.source ?? d.combines?.source),
    owner: fact(model, m, d.owner ? `${d.owner.component}${d.owner.text ? ` (${d.owner.text})` : ''}` : undefined, d.owner?.source),
    ...(d.regeneration
      ? { regeneration: { ...fact(model, m, d.regeneration.triggers + (d.regeneration.text ? ` ${d.regeneration.text}` : ''), d.regeneration.source), ...(d.regeneration.recoversAfterOfflineExpiry !== undefined ? { recovers: d.regeneration.recoversAfterOfflineExpiry } : {}) } }
      : {}),
    sources: sourceIds(m)
      .map((id) => sourceLink(model, m, id))
      .filter((s): s is SourceLinkView => !!s),
    gaps: (d.gaps ?? []).map((g) => ({ field: g.field, lookedIn: g.lookedIn })),
    feeds: [...new Set((d.feeds ?? []).map((f) => f.flag))].sort(cmp),
    ...(seconds !== undefined ? { refreshSeconds: seconds } : {}),
  };
  return view;
}

function period(v: MaterialView): string {
  if (v.refresh.text === 'not time-rotated') return 'not time-rotated';
  if (v.typeLabel === MATERIAL_TYPE_LABELS['ca-bundle']) return v.refresh.text;
  if (v.refreshSeconds !== undefined) return `every ${humanDuration(v.refreshSeconds)}`;
  return v.refresh.text === UNKNOWN ? UNKNOWN : v.refresh.text;
}

export function buildMaterialSiteData(model: Model): MaterialSiteData {
  const views = new Map<MaterialNode, MaterialView>();
  const view = (m: MaterialNode) => {
    let v = views.get(m);
    if (!v) views.set(m, (v = materialView(model, m)));
    return v;
  };
  const answers: Record<string, AnswersView> = {};
  for (const ref of model.flags.keys()) answers[ref] = { materials: materialsOf(model, ref).map(view) };
  for (const r of model.resources.values()) answers[r.ref] = { materials: materialsAt(model, r).map(view) };

  const every = allMaterials(model).map(view);
  // Known periods first, then periods given only in words, then material not rotated on a timer, then the unknown.
  const rank = (v: MaterialView) => v.refreshSeconds ?? (v.refresh.text === UNKNOWN ? 3e15 : v.refresh.text === 'not time-rotated' ? 2e15 : 1e15);
  const rotation = [...every]
    .sort((a, b) => rank(a) - rank(b) || cmp(a.key, b.key))
    .map((material) => ({ material, period: period(material) }));

  const roots: SignerNode[] = [];
  for (const dist of model.distributions) {
    const materials = [...dist.byId.values()].sort((a, b) => cmp(a.id, b.id));
    const node = (m: MaterialNode, seen: Set<MaterialNode>): SignerNode => {
      seen.add(m);
      const signs = materials.filter((x) => x.data.signedBy?.signer === m.id && !seen.has(x));
      return {
        material: view(m),
        signs: signs.map((x) => node(x, seen)),
        trustedBy: materials.filter((x) => x.data.combines?.materials.includes(m.id)).map(view),
      };
    };
    for (const m of materials) if (m.data.type === 'signer' && !m.data.signedBy?.signer) roots.push(node(m, new Set()));
  }

  const results = new Map(inspectCoverage(model).map((r) => [r.id, r]));
  const answered = (id: string) => {
    const r = results.get(id);
    return r ? r.total - r.missing.length : 0;
  };
  return {
    urls: { rotation: ROTATION_URL, signers: SIGNERS_URL },
    answers,
    rotation,
    signers: { diagrams: model.distributions.map((d) => signerDiagramId(d.name)), roots },
    coverage: {
      items: results.get('creation')?.total ?? 0,
      answered: { creation: answered('creation'), signer: answered('signer'), rotation: answered('rotation'), owner: answered('owner') },
    },
  };
}
