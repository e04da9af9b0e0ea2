/**
 * Rules for material files (materials/<distribution>.json): every fact has a
 * source that exists, signers and bundles resolve, signedBy chains end at a
 * self-signed root, durations parse and a refresh never outlasts validity; and
 * a resource's producers agree with the cited writers of the material it holds.
 */
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { parseDuration } from '../lib/duration.ts';
import { closest } from '../model/refs.ts';
import type { DistributionNode, MaterialNode } from '../model/model.ts';
import { positionOf } from '../load/json-file.ts';
import { resourceWrites, signerTypeFor } from '../model/materials.ts';
import { MATERIAL_FACT_FIELDS, type MaterialType } from '../model/types.ts';
import { checkFlagRef, problem, type Rule } from './rules.ts';

const q = (s: string) => `\`${s}\``;
const suggest = (wanted: string, from: Iterable<string>) => {
  const near = closest(wanted, from);
  return near.length ? ` or use one of: ${near.join(', ')}` : '';
};

/** Every (pointer, fact) of a material that must carry a source. */
function factsOf(m: MaterialNode): Array<{ pointer: string; what: string; source: string | undefined }> {
  const out: Array<{ pointer: string; what: string; source: string | undefined }> = [];
  for (const field of MATERIAL_FACT_FIELDS) {
    const fact = m.data[field] as { source?: string } | undefined;
    if (fact) out.push({ pointer: `${m.pointer}/${field}`, what: field, source: fact.source });
  }
  m.data.locations.forEach((loc, i) => {
    out.push({ pointer: `${m.pointer}/locations/${i}`, what: `locations[${i}]`, source: loc.source });
    if (loc.copy) out.push({ pointer: `${m.pointer}/locations/${i}/copy`, what: `locations[${i}].copy`, source: loc.copy.source });
  });
  (m.data.feeds ?? []).forEach((f, i) => out.push({ pointer: `${m.pointer}/feeds/${i}`, what: `feeds[${i}]`, source: f.source }));
  return out;
}

/** A fact without a source, or naming a source that is not defined. */
export const factSources: Rule = (model) => {
  const out: Problem[] = [];
  for (const dist of model.distributions) {
    const ids = Object.keys(dist.data.sources);
    for (const m of dist.materials)
      for (const fact of factsOf(m)) {
        if (fact.source === undefined)
          out.push(problem('fact-without-source', m.file, fact.pointer, `${q(m.id)} ${fact.what} has no "source"; add the id of the entry in "sources" it was read from (repository, path, symbol, release), or remove the fact and record a gap`));
        else if (!(fact.source in dist.data.sources))
          out.push(problem('unknown-source', m.file, `${fact.pointer}/source`, `${q(m.id)} ${fact.what}: source ${JSON.stringify(fact.source)} is not defined under "sources"; add it there${suggest(fact.source, ids)}`));
      }
  }
  return out;
};

/** Material ids, flags, actors and combined materials resolve; the file is named after its distribution. */
export const materialReferences: Rule = (model) => {
  const out: Problem[] = [];
  const add = (p: Problem | undefined) => p && out.push(p);
  const actor = (name: string | undefined, m: MaterialNode, pointer: string, where: string) => {
    if (name === undefined || model.actorsByName.has(name)) return;
    out.push(problem('unknown-ref', m.file, pointer, `${q(m.id)} ${where}: actor ${JSON.stringify(name)} is not defined; add it to actors.json${suggest(name, model.actorsByName.keys())}`));
  };
  for (const dist of model.distributions) {
    const base = path.posix.basename(dist.file.file);
    if (base !== `${dist.name}.json`)
      out.push(problem('file-name-mismatch', dist.file, '/distribution', `distribution ${JSON.stringify(dist.name)} is defined in ${base}; name the file materials/${dist.name}.json or fix the distribution`));
    const seen = new Map<string, MaterialNode>();
    for (const m of dist.materials) {
      const first = seen.get(m.id);
      if (first) out.push(problem('duplicate', m.file, `${m.pointer}/id`, `material ${q(m.id)} is defined twice (first at ${m.file.file}:${pointerLine(first)}); keep one definition`));
      else seen.set(m.id, m);
      (m.data.feeds ?? []).forEach((f, i) => add(checkFlagRef(model, f.flag, m.file, `${m.pointer}/feeds/${i}/flag`, `${q(m.id)} feeds`)));
      actor(m.data.createdBy?.actor, m, `${m.pointer}/createdBy/actor`, 'createdBy');
      m.data.locations.forEach((loc, i) => actor(loc.copy?.by, m, `${m.pointer}/locations/${i}/copy/by`, 'copy'));
      (m.data.combines?.materials ?? []).forEach((id, i) => {
        const target = dist.byId.get(id);
        const pointer = `${m.pointer}/combines/materials/${i}`;
        if (!target) out.push(problem('unknown-ref', m.file, pointer, `${q(m.id)} combines ${q(id)}, which is not a material of ${dist.name}; define it${suggest(id, dist.byId.keys())}`));
        else if (target.data.type !== 'signer' && target.data.type !== 'ca-bundle')
          out.push(problem('unknown-ref', m.file, pointer, `${q(m.id)} combines ${q(id)}, a ${target.data.type}; a CA bundle combines only signers and other CA bundles`));
      });
    }
  }
  return out;
};

const pointerLine = (m: MaterialNode): number => positionOf(m.file, m.pointer).line;

/** signedBy names a signer of the same distribution (a key pair for a token; or says selfSigned), and the chain never loops. */
export const signers: Rule = (model) => {
  const out: Problem[] = [];
  for (const dist of model.distributions) {
    const idsOf = (type: MaterialType) => dist.materials.filter((m) => m.data.type === type).map((m) => m.id);
    for (const m of dist.materials) {
      const sb = m.data.signedBy;
      if (!sb) continue;
      const pointer = `${m.pointer}/signedBy`;
      if ((sb.signer === undefined) === (sb.selfSigned === undefined)) {
        out.push(problem('unknown-signer', m.file, pointer, `${q(m.id)} signedBy must name exactly one of "signer" (a signer's id) or "selfSigned": true`));
        continue;
      }
      const wanted = signerTypeFor(m.data.type);
      if (sb.signer === undefined) {
        if (m.data.type === 'token')
          out.push(problem('unknown-signer', m.file, `${pointer}/selfSigned`, `${q(m.id)} is a token, which is never self-signed; name the key-pair that signs it in "signer"`));
        continue;
      }
      const target = dist.byId.get(sb.signer);
      if (!target || target.data.type !== wanted) {
        const what = target ? `a ${target.data.type}, not a ${wanted}` : `not a material of ${dist.name}`;
        const of = m.data.type === 'token' ? ' (a token is signed by a key pair)' : '';
        out.push(problem('unknown-signer', m.file, `${pointer}/signer`, `${q(m.id)} is signed by ${q(sb.signer)}, which is ${what}; name a material of type ${wanted}${of}${suggest(sb.signer, idsOf(wanted).filter((id) => id !== m.id))}`));
        continue;
      }
      const cycle = cycleFrom(dist, m);
      if (cycle) out.push(problem('signer-cycle', m.file, `${pointer}/signer`, `${q(m.id)}'s signedBy chain loops: ${cycle.map(q).join(' → ')}; the chain must end at a signer with "selfSigned": true`));
    }
  }
  return out;
};

/** The loop the signedBy chain from `m` comes back to `m` through, if any. */
function cycleFrom(dist: DistributionNode, m: MaterialNode): string[] | undefined {
  const path: string[] = [m.id];
  let current = m;
  for (;;) {
    const next = current.data.signedBy?.signer;
    if (next === undefined) return undefined;
    const node = dist.byId.get(next);
    if (!node || node.data.type !== 'signer') return undefined;
    if (next === m.id) return [...path, next];
    if (path.includes(next)) return undefined; // a loop that m only leads into: reported on its members
    path.push(next);
    current = node;
  }
}

/** Durations parse; refresh never exceeds validity. */
export const durations: Rule = (model) => {
  const out: Problem[] = [];
  const check = (m: MaterialNode, text: string | undefined, pointer: string, what: string): number | undefined => {
    if (text === undefined) return undefined;
    const s = parseDuration(text);
    if (s === undefined || s === 0)
      out.push(problem('invalid-duration', m.file, pointer, `${q(m.id)} ${what} ${JSON.stringify(text)} is not a duration; write whole hours, minutes and seconds as Go does ("720h", "5m", "1h30m"), days and years in hours`));
    return s || undefined;
  };
  for (const dist of model.distributions)
    for (const m of dist.materials) {
      const validity = check(m, m.data.validity?.duration, `${m.pointer}/validity/duration`, 'validity');
      const refresh = check(m, m.data.refresh?.duration, `${m.pointer}/refresh/duration`, 'refresh');
      m.data.locations.forEach((loc, i) => check(m, loc.copy?.delay, `${m.pointer}/locations/${i}/copy/delay`, 'copy delay'));
      if (validity !== undefined && refresh !== undefined && refresh > validity)
        out.push(problem('refresh-exceeds-validity', m.file, `${m.pointer}/refresh/duration`, `${q(m.id)} refreshes every ${m.data.refresh!.duration} but is valid for only ${m.data.validity!.duration}; it would expire before it is replaced — check both values in the source`));
      if (m.data.refresh?.notTimeRotated && m.data.refresh.duration !== undefined)
        out.push(problem('invalid-duration', m.file, `${m.pointer}/refresh`, `${q(m.id)} refresh says both a duration and notTimeRotated; keep the one the source says`));
    }
  return out;
};

/**
 * Whoever a material's sources say writes it into a resource (its creator at a location of its own,
 * the copier at a copy) is among that resource's producers. A producer list written by hand (as the
 * upstream document's was) is then checked against the cited material wherever material is documented.
 */
export const resourceWriters: Rule = (model) => {
  const out: Problem[] = [];
  for (const ns of model.namespaces)
    for (const r of ns.resources) {
      const producers = new Set(r.data.producers ?? []);
      const pointer = r.data.producers ? `${r.pointer}/producers` : r.pointer;
      for (const { material: m, writer, fact } of resourceWrites(model, r)) {
        if (producers.has(writer)) continue;
        out.push(
          problem(
            'producer-missing',
            r.file,
            pointer,
            `${q(r.ref)} holds material ${q(m.key)}, which ${JSON.stringify(writer)} writes there (its ${fact} at ${m.file.file}:${positionOf(m.file, m.pointer).line}), but its producers do not name ${JSON.stringify(writer)}; add it to "producers", or correct the material if its source says otherwise`,
          ),
        );
        producers.add(writer); // one problem per missing producer
      }
    }
  return out;
};

export const MATERIAL_RULES: Rule[] = [factSources, materialReferences, signers, durations, resourceWriters];
