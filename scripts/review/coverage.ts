/**
 * coverage: which items lack which property. Each requirement is a small
 * plug-in (in the spirit of OpenShift origin's TLS artifact registry
 * requirements): it says which items it applies to and whether an item meets
 * it, and produces one section of the report. Add a requirement by adding an
 * entry to REQUIREMENTS; the baseline picks it up as a new key.
 *
 * Gaps are facts to find out, never to fill by guessing: an unknown owner or
 * rotation period stays a gap until someone who knows writes it down.
 */
import { cmp } from '../lib/problems.ts';
import { contentFlags, resolveFlagRef, type FlagNode, type MaterialNode, type Model, type ResourceNode, type TrustEdge } from '../model/model.ts';
import { symptomsOf } from '../model/symptoms.ts';
import type { MaterialFactField, Rotation } from '../model/types.ts';
import { feedChain, hasCreator, hasOwner, hasRotation, hasSigner, materialsAt, materialsOf, resourceWrites } from '../model/materials.ts';

export type ItemType = 'flag' | 'resource' | 'edge';

export interface CoverageItem {
  type: ItemType;
  /** Flag or resource reference; for an edge "<verifier> → <verified>". */
  ref: string;
  /** For a gap: where the fact was looked for, as recorded in the data. */
  note?: string;
}

export interface Requirement {
  /** Stable id, the key in the baseline file. */
  id: string;
  title: string;
  /** One sentence: what is required and why it matters. */
  description: string;
  /** What an editor should do about a gap. */
  fix: string;
  /** The items the requirement applies to and whether each meets it. */
  inspect(model: Model): Array<CoverageItem & { ok: boolean }>;
}

export interface RequirementResult {
  id: string;
  title: string;
  description: string;
  fix: string;
  /** Items the requirement applies to. */
  total: number;
  /** Items that lack the property, sorted by type then ref. */
  missing: CoverageItem[];
}

export const edgeRef = (e: { verifier: string; verified: string }) => `${e.verifier} → ${e.verified}`;

const present = (s: string | undefined) => s !== undefined && s.trim() !== '';
const rotationKnown = (r: Rotation | undefined) => present(r?.validity) || present(r?.refresh);

const flagsOf = (model: Model): FlagNode[] => [...model.flags.values()];
const resourcesOf = (model: Model): ResourceNode[] => [...model.resources.values()];
/** Toggles are switches, not certificates: nobody issues or rotates them. */
const holdsMaterial = (f: FlagNode) => f.data.kind !== 'rotation-toggle' && f.data.kind !== 'auth-toggle';


/** The resource names producers, and each is a writer the material's sources show (scripts/model/materials.ts resourceWrites). */
function producersCited(model: Model, r: ResourceNode): boolean {
  const producers = r.data.producers ?? [];
  if (!producers.length) return false;
  const writers = new Set(resourceWrites(model, r).map((w) => w.writer));
  return producers.every((p) => writers.has(p));
}

const flag = (f: FlagNode, ok: boolean) => ({ type: 'flag' as const, ref: f.ref, ok });
const resource = (r: ResourceNode, ok: boolean) => ({ type: 'resource' as const, ref: r.ref, ok });
const edge = (e: TrustEdge, ok: boolean) => ({ type: 'edge' as const, ref: edgeRef(e), ok });

interface MaterialRequirementSpec {
  id: string;
  title: string;
  description: string;
  fix: string;
  /** The material field whose recorded gap note explains a miss. */
  field: MaterialFactField;
  /** The older free-text field on the flag or resource that also answers the question. */
  text?: (d: { owner?: string; creation?: string; rotation?: Rotation }) => string | undefined;
  ok: (model: Model, m: MaterialNode) => boolean;
}

/**
 * A question answered through the material behind a flag or resource: met when
 * every material feeding the flag (or living in the resource) answers it, or
 * when the flag or resource answers it in its own text field.
 */
function materialRequirement(spec: MaterialRequirementSpec): Requirement {
  const judge = (m: Model, text: string | undefined, materials: MaterialNode[]) => {
    const ok = present(text) || (materials.length > 0 && materials.every((node) => spec.ok(m, node)));
    const note = ok ? undefined : materials.flatMap((node) => (node.data.gaps ?? []).filter((g) => g.field === spec.field).map((g) => `${node.id}: looked in ${g.lookedIn}`))[0];
    return { ok, ...(note ? { note } : {}) };
  };
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    fix: spec.fix,
    inspect: (m) => [
      ...flagsOf(m)
        .filter(holdsMaterial)
        .map((f) => ({ type: 'flag' as const, ref: f.ref, ...judge(m, spec.text?.(f.data), materialsOf(m, f.ref)) })),
      ...resourcesOf(m).map((r) => ({ type: 'resource' as const, ref: r.ref, ...judge(m, spec.text?.(r.data), materialsAt(m, r)) })),
    ],
  };
}

export const REQUIREMENTS: Requirement[] = [
  {
    id: 'purpose',
    title: 'Purpose',
    description: 'Every flag and resource says what it is for, so a reader knows what breaks without reading operator code.',
    fix: 'write "purpose" (inline markdown) on the flag or resource',
    inspect: (m) => [...flagsOf(m).map((f) => flag(f, present(f.data.purpose))), ...resourcesOf(m).map((r) => resource(r, present(r.data.purpose)))],
  },
  {
    id: 'kind',
    title: 'Kind',
    description: 'Every flag states what it holds (CA bundle, serving cert, signing key…), which decides which trust edges it may take part in.',
    fix: 'set "kind" on the flag',
    inspect: (m) => flagsOf(m).map((f) => flag(f, present(f.data.kind))),
  },
  materialRequirement({
    id: 'owner',
    title: 'Owner',
    description: 'Every flag and resource names the component that owns the material behind it, so a failure reaches the right people.',
    fix: 'write "owner" (component and source) on the material in materials/<distribution>.json once the owning component is confirmed; never guess',
    field: 'owner',
    text: (d) => d.owner,
    ok: (_m, node) => hasOwner(node),
  }),
  materialRequirement({
    id: 'creation',
    title: 'Creation',
    description: 'Every certificate, key, bundle and resource says who creates it and how (installer, rotation controller, CSR signer…); rotation toggles are exempt.',
    fix: 'write "createdBy" (actor, mechanism, source) on the material that feeds the flag or lives in the resource',
    field: 'createdBy',
    text: (d) => d.creation,
    ok: (_m, node) => hasCreator(node),
  }),
  materialRequirement({
    id: 'signer',
    title: 'Signer',
    description: 'Every certificate says which signer issued it, and every CA bundle which signers it trusts, so an expired or replaced signer leads to everything it breaks.',
    fix: 'write "signedBy" (or, for a CA bundle, "combines") with its source on the material',
    field: 'signedBy',
    ok: (m, node) => hasSigner(m, node),
  }),
  materialRequirement({
    id: 'rotation',
    title: 'Rotation',
    description: 'Every certificate, key, bundle and resource documents its validity and how often it is refreshed, or says it is not time-rotated (rotation toggles are exempt).',
    fix: 'write "validity" and "refresh" (durations such as 720h, or notTimeRotated) with their source on the material; never invent periods',
    field: 'refresh',
    text: (d) => (rotationKnown(d.rotation) ? 'known' : undefined),
    ok: (m, node) => hasRotation(m, node),
  }),
  {
    id: 'consumers',
    title: 'Consumers',
    description: 'Every resource lists the actors that consume it, so a change to it can be checked against everyone who reads it.',
    fix: 'add the consuming actors to "consumers" (define them in actors.json)',
    inspect: (m) => resourcesOf(m).map((r) => resource(r, (r.data.consumers?.length ?? 0) > 0)),
  },
  {
    id: 'producers',
    title: 'Producers',
    description: 'Every resource names who writes it, and each producer is one that a cited source shows writing it: the creator of material the resource holds, or the copier of a copy.',
    fix: 'document the material the resource holds in materials/<distribution>.json (locations, createdBy or copy, each with its source), so each producer is backed by a source; never list a producer no source shows',
    inspect: (m) => resourcesOf(m).map((r) => resource(r, producersCited(m, r))),
  },
  {
    id: 'feeds',
    title: 'Feeds backed by material',
    description: 'Every flag a resource feeds or publishes a copy for is backed by a cited source: material held in the resource feeds the flag, or a CA bundle built from it does, so the "what breaks" chains rest on sources, not on a hand-written list.',
    fix: 'document the material the resource holds and the "feeds" (with its source) of the material, or of the bundle built from it, that reaches the flag; or remove a feed or publish no source shows',
    inspect: (m) => resourcesOf(m)
      .filter((r) => contentFlags(r.data).length > 0)
      .map((r) => resource(r, contentFlags(r.data).every((f) => feedChain(m, r, resolveFlagRef(f) ?? f) !== undefined))),
  },
  {
    id: 'consequence',
    title: 'Consequence',
    description: 'Every trust edge says what fails when it does not hold, on at least one of its two flags; this is what an SRE reads mid-incident.',
    fix: 'write "consequence" on the edge entry (the same text on both flags)',
    inspect: (m) => m.edges.map((e) => edge(e, present(e.verifierSide?.edge.consequence) || present(e.verifiedSide?.edge.consequence))),
  },
  {
    id: 'symptoms',
    title: 'Symptoms',
    description: 'Every trust edge says where its failure shows (who fails the check, the error text people see, what breaks), with sources, so an error line in a log leads to the edge.',
    fix: 'write "symptoms" on the verifier\'s `verifies` entry, each fact from a source you can cite; never invent error texts',
    inspect: (m) => m.edges.map((e) => edge(e, symptomsOf(e) !== undefined)),
  },
];

const TYPE_ORDER: Record<ItemType, number> = { flag: 0, resource: 1, edge: 2 };

export function inspectCoverage(model: Model, requirements: Requirement[] = REQUIREMENTS): RequirementResult[] {
  return requirements.map((r) => {
    const items = r.inspect(model);
    const missing = items
      .filter((i) => !i.ok)
      .map(({ type, ref, note }) => ({ type, ref, ...(note ? { note } : {}) }))
      .sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || cmp(a.ref, b.ref));
    return { id: r.id, title: r.title, description: r.description, fix: r.fix, total: items.length, missing };
  });
}
