/**
 * The impact report as plain text, for someone reading a terminal while a
 * cluster fails: what fails first, then what is affected and through which
 * chain, then the edges and related flags.
 */
import type { Impact } from '../model/impact.ts';
import { plural } from '../lib/plural.ts';
import type { Model } from '../model/model.ts';
import { edgeBetween } from '../model/indexes.ts';
import { KIND_LABELS, MATERIAL_TYPE_LABELS } from '../model/types.ts';
import { findMaterial, formatLocation } from '../model/materials.ts';
import { describeDuration } from '../lib/duration.ts';

function chain(start: string, via: string[]): string {
  return [start, ...via].join(' → ');
}

export function impactText(model: Model, impact: Impact): string {
  const { start } = impact;
  const lines: string[] = [];
  const flagKind = (ref: string) => {
    const kind = model.flags.get(ref)?.data.kind;
    return kind ? ` (${KIND_LABELS[kind]})` : '';
  };
  const condition = (verifier: string, verified: string) => {
    const e = edgeBetween(model, verifier, verified);
    const c = e?.verifierSide?.edge.condition ?? e?.verifiedSide?.edge.condition;
    return c ? ` — only if ${c}` : '';
  };

  lines.push(`Impact of ${start.kind === 'material' ? 'certificate material' : start.kind} ${start.ref}`);
  if (start.kind === 'material') {
    const m = findMaterial(model, start.ref)!.data;
    if (m.description) lines.push(`  ${m.description}`);
    const facts = [
      `${MATERIAL_TYPE_LABELS[m.type]} at ${formatLocation(m.locations[0]!)}`,
      m.createdBy ? `created by ${m.createdBy.actor}` : '',
      m.signedBy?.signer ? `signed by ${m.signedBy.signer}` : m.signedBy?.selfSigned ? 'self-signed' : '',
      m.validity?.duration ? `valid for ${describeDuration(m.validity.duration)}` : '',
      m.refresh?.duration ? `refreshed every ${describeDuration(m.refresh.duration)}` : m.refresh?.notTimeRotated ? 'not time-rotated' : '',
    ].filter(Boolean);
    lines.push(`  ${facts.join('; ')}`);
  } else if (start.kind === 'resource') {
    const data = model.resources.get(start.ref)?.data;
    if (data?.purpose) lines.push(`  ${data.purpose}`);
    const who = [
      data?.producers?.length ? `produced by ${data.producers.join(', ')}` : '',
      data?.consumers?.length ? `consumed by ${data.consumers.join(', ')}` : '',
      data?.owner ? `owned by ${data.owner}` : '',
    ].filter(Boolean);
    if (who.length) lines.push(`  ${who.join('; ')}`);
  } else {
    const purpose = model.flags.get(start.ref)?.data.purpose;
    if (purpose) lines.push(`  ${purpose}`);
  }
  lines.push('');

  lines.push(`What fails (${plural(impact.consequences.length, 'consequence')}):`);
  if (!impact.consequences.length) lines.push('  No consequence is written on the affected edges; check the trust edges below.');
  for (const c of impact.consequences) {
    lines.push(`  - ${c.text}`);
    lines.push(`      because ${c.verifier} must verify ${c.verified}${condition(c.verifier, c.verified)}`);
    lines.push(`      ${c.via.length ? `reached through ${chain(start.ref, c.via)}` : `${start.ref} is an end of this edge`}`);
    if (c.writtenOn !== c.verifier) lines.push(`      (as written on ${c.writtenOn})`);
  }
  lines.push('');

  if (start.kind === 'material') {
    lines.push(`Affected certificate material (${impact.materials.length}):`);
    for (const m of impact.materials) {
      const node = findMaterial(model, m.ref)!;
      const how = m.ref === start.ref ? 'the material itself' : `via ${chain(start.ref, m.via)}`;
      lines.push(`  - ${m.ref} (${MATERIAL_TYPE_LABELS[node.data.type]}, ${formatLocation(node.data.locations[0]!)})  ${how}`);
    }
    lines.push('');
  }

  lines.push(`Affected flags (${impact.flags.length}):`);
  for (const f of impact.flags) {
    const how = f.ref === start.ref ? 'the flag itself' : f.via.length ? `via ${f.via.join(' → ')}` : `fed directly by ${start.ref}`;
    lines.push(`  - ${f.ref}${flagKind(f.ref)}  ${how}`);
  }
  if (!impact.flags.length) lines.push('  none: nothing documented feeds a flag from here');
  const published = start.kind === 'resource' ? (model.resources.get(start.ref)?.data.publishes ?? []) : [];
  if (published.length) {
    lines.push(`  not affected: ${published.join(', ')}, whose file is filled from elsewhere; ${start.ref} is a published copy of what it uses`);
  }
  lines.push('');

  if (start.kind === 'material' && impact.resources.length) {
    lines.push(`ConfigMaps and Secrets that hold it (${impact.resources.length}):`);
    for (const r of impact.resources) lines.push(`  - ${r.ref}${r.via.length ? `  via ${r.via.join(' → ')}` : ''}`);
    lines.push('');
  }
  if (start.kind === 'resource') {
    lines.push(`Downstream resources (${impact.resources.length}):`);
    for (const r of impact.resources) lines.push(`  - ${r.ref}  ${r.via.length ? `via ${r.via.join(' → ')}` : `input from ${start.ref}`}`);
    if (!impact.resources.length) lines.push('  none');
    lines.push('');
  }

  lines.push(`Trust edges (${impact.edges.length}):`);
  for (const e of impact.edges) lines.push(`  - ${e.verifier} must verify ${e.verified}${condition(e.verifier, e.verified)}`);
  if (!impact.edges.length) lines.push('  none');
  lines.push('');

  lines.push(`Related flags (${impact.interactions.length}), check these too:`);
  for (const i of impact.interactions) lines.push(`  - ${i.ref}${flagKind(i.ref)}${i.via.length ? `  via ${i.via.join(' → ')}` : ''}`);
  if (!impact.interactions.length) lines.push('  none');
  return `${lines.join('\n')}\n`;
}
