/**
 * Semantic rules. Each rule is a function from the resolved model to a list of
 * problems with a stable code; together they run after the schema check.
 */
import path from 'node:path';
import type { Problem } from '../lib/problems.ts';
import { positionOf, type JsonFile } from '../load/json-file.ts';
import { inferKind, KIND_OPENINGS } from '../model/kind.ts';
import { KIND_LABELS, VERIFIABLE_KINDS, VERIFIER_KINDS, type FlagKind } from '../model/types.ts';
import {
  COMPONENT_NAME,
  FLAG_NAME,
  NAMESPACE_NAME,
  RESOURCE_NAME,
  closest,
  parseFlagRef,
  parseResourceRef,
  suggestResourceName,
} from '../model/refs.ts';
import { resolveResourceRef, type FlagNode, type Model, type TrustEdge } from '../model/model.ts';
import { flagDiagramId } from '../generate/diagrams.ts';
import { parseMarkdown } from '../lib/markdown.ts';

export type Rule = (model: Model) => Problem[];

export function problem(code: string, file: JsonFile, pointer: string, message: string, atKey = false): Problem {
  const pos = positionOf(file, pointer, atKey);
  return { code, file: file.file, line: pos.line, column: pos.column, pointer, message };
}

const q = (s: string) => `\`${s}\``;

/** Names must have the documented form. */
export const invalidNames: Rule = (model) => {
  const out: Problem[] = [];
  const check = (ok: boolean, file: JsonFile, pointer: string, what: string, value: string, form: string, suggestion?: string) => {
    if (!ok)
      out.push(
        problem('invalid-name', file, pointer, `${what} ${JSON.stringify(value)} is not of the form ${form}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ''}`),
      );
  };
  for (const c of model.components) {
    check(COMPONENT_NAME.test(c.name), c.file, '/name', 'component name', c.name, 'lower-case letters, digits and dashes');
    for (const f of c.flags) {
      const trimmed = f.data.name.trim();
      check(FLAG_NAME.test(f.data.name), f.file, `${f.pointer}/name`, 'flag name', f.data.name, '"--<name>" (lower-case letters, digits and dashes)', FLAG_NAME.test(trimmed) ? trimmed : undefined);
    }
  }
  for (const n of model.namespaces) {
    check(NAMESPACE_NAME.test(n.name), n.file, '/namespace', 'namespace', n.name, 'a DNS label');
    for (const r of n.resources) {
      check(RESOURCE_NAME.test(r.data.name), r.file, `${r.pointer}/name`, 'resource name', r.data.name, '"cm/<name>" or "secret/<name>"', suggestResourceName(r.data.name));
    }
  }
  return out;
};

/** A component or namespace file is named after what it defines: components/<name>.json, namespaces/<namespace>.json. */
export const fileNames: Rule = (model) => {
  const out: Problem[] = [];
  const check = (file: JsonFile, pointer: string, name: string, folder: string, what: string) => {
    const base = path.posix.basename(file.file);
    if (base !== `${name}.json`)
      out.push(problem('file-name-mismatch', file, pointer, `${what} ${JSON.stringify(name)} is defined in ${base}; name the file ${folder}/${name}.json or fix the ${what}`));
  };
  for (const c of model.components) check(c.file, '/name', c.name, 'components', 'component');
  for (const n of model.namespaces) check(n.file, '/namespace', n.name, 'namespaces', 'namespace');
  return out;
};

/** Components, flags, namespaces, resources, actors and list entries defined twice. */
export const duplicates: Rule = (model) => {
  const out: Problem[] = [];
  const seen = new Map<string, { file: JsonFile; pointer: string }>();
  /** Records the first definition; reports later ones. Returns false for a repeat. */
  const once = (key: string, file: JsonFile, pointer: string, what: string): boolean => {
    const first = seen.get(key);
    if (first !== undefined) {
      // Located only now: a file's positions are built on first use, and a valid data set never needs them.
      const at = `${first.file.file}:${positionOf(first.file, first.pointer).line}`;
      out.push(problem('duplicate', file, pointer, `${what} is defined twice (first at ${at}); keep one definition`));
      return false;
    }
    seen.set(key, { file, pointer });
    return true;
  };
  /** Entries of one list that say the same thing twice. */
  const list = (items: string[], file: JsonFile, pointer: (i: number) => string, say: (item: string) => string) => {
    if (items.length < 2) return;
    const firstAt = new Map<string, number>();
    items.forEach((item, i) => {
      const first = firstAt.get(item);
      if (first === undefined) firstAt.set(item, i);
      else out.push(problem('duplicate', file, pointer(i), `${say(item)} (first at line ${positionOf(file, pointer(first)).line}); keep one entry`));
    });
  };
  // The definition in the file named after it is the real one; other files hold the duplicate.
  const named = <T extends { name: string; file: JsonFile }>(items: T[]) =>
    [...items].sort((a, b) => Number(path.posix.basename(b.file.file) === `${b.name}.json`) - Number(path.posix.basename(a.file.file) === `${a.name}.json`));
  for (const c of named(model.components)) {
    // A whole component defined twice is one problem, not one per flag.
    if (!once(`component\u0000${c.name}`, c.file, '/name', `component ${c.name}`)) continue;
    for (const f of c.flags) {
      once(`flag\u0000${f.ref}`, f.file, `${f.pointer}/name`, `flag ${q(f.ref)}`);
      for (const key of ['verifies', 'verifiedBy'] as const) {
        const refs = (f.data[key] ?? []).map((e) => e.ref);
        list(refs, f.file, (i) => `${f.pointer}/${key}/${i}/ref`, (ref) => `${q(f.ref)} lists ${q(ref)} twice under ${key}`);
      }
      list(f.data.interactsWith ?? [], f.file, (i) => `${f.pointer}/interactsWith/${i}`, (ref) => `${q(f.ref)} lists ${q(ref)} twice under interactsWith`);
    }
  }
  for (const n of named(model.namespaces)) {
    if (!once(`namespace\u0000${n.name}`, n.file, '/namespace', `namespace ${n.name}`)) continue;
    for (const r of n.resources) {
      once(`resource\u0000${r.ref}`, r.file, `${r.pointer}/name`, `resource ${q(r.ref)}`);
      list(r.data.feeds ?? [], r.file, (i) => `${r.pointer}/feeds/${i}`, (ref) => `${q(r.ref)} lists ${q(ref)} twice under feeds`);
      list(r.data.publishes ?? [], r.file, (i) => `${r.pointer}/publishes/${i}`, (ref) => `${q(r.ref)} lists ${q(ref)} twice under publishes`);
      // A flag's file is filled from a resource, or the resource is a copy of what it uses: not both.
      (r.data.publishes ?? []).forEach((ref, i) => {
        const fedAt = (r.data.feeds ?? []).indexOf(ref);
        if (fedAt >= 0) {
          const line = positionOf(r.file, `${r.pointer}/feeds/${fedAt}`).line;
          out.push(problem('duplicate', r.file, `${r.pointer}/publishes/${i}`, `${q(r.ref)} lists ${q(ref)} under both feeds (line ${line}) and publishes; keep feeds if the flag's file is filled from here, publishes if this is a copy of what it uses`));
        }
      });
      const inputs = (r.data.inputTo ?? []).map((ref) => resolveResourceRef(ref, n.name) ?? ref);
      list(inputs, r.file, (i) => `${r.pointer}/inputTo/${i}`, (ref) => `${q(r.ref)} lists ${q(ref)} twice under inputTo`);
      for (const key of ['producers', 'consumers'] as const) {
        list(r.data[key] ?? [], r.file, (i) => `${r.pointer}/${key}/${i}`, (actor) => `${q(r.ref)} lists actor ${JSON.stringify(actor)} twice under ${key}`);
      }
    }
  }
  for (const a of model.actors) once(`actor\u0000${a.name}`, a.file, `${a.pointer}/name`, `actor ${a.name}`);
  return out;
};

/** Every flag reference must be well-formed and point at a defined flag. */
export function checkFlagRef(model: Model, text: string, file: JsonFile, pointer: string, where: string): Problem | undefined {
  const parsed = parseFlagRef(text);
  if (!parsed.ok) {
    return problem(
      'malformed-ref',
      file,
      pointer,
      `${where}: ${q(text)} is not a flag reference: ${parsed.reason}${parsed.suggestion ? `; did you mean ${q(parsed.suggestion)}?` : ''}`,
    );
  }
  if (model.flags.has(text)) return undefined;
  const { component, flag } = parsed.value;
  const comp = model.componentsByName.get(component);
  if (!comp) {
    const near = closest(component, model.componentsByName.keys());
    return problem(
      'unknown-ref',
      file,
      pointer,
      `${where}: ${q(text)} names component ${component}, which is not defined; add components/${component}.json to the data folder${near.length ? ` or use one of: ${near.join(', ')}` : ''}`,
    );
  }
  // The same flag on another component is the likeliest intent ("kube-controller-manager --etcd-certfile"
  // for kube-apiserver's); otherwise the closest flags of the named component.
  const elsewhere = model.components.filter((c) => c.name !== component && c.flags.some((f) => f.data.name === flag)).map((c) => c.name);
  const near = elsewhere.length
    ? elsewhere.map((c) => `${c} ${flag}`)
    : closest(flag, comp.flags.map((f) => f.data.name)).map((n) => `${component} ${n}`);
  return problem(
    'unknown-ref',
    file,
    pointer,
    `${where}: ${q(text)} is not defined: ${component} has no flag ${flag}. ${near.length ? `Did you mean ${near.map(q).join(' or ')}? Otherwise, a` : 'A'}dd the flag to ${comp.file.file} or fix the reference`,
  );
}

export const references: Rule = (model) => {
  const out: Problem[] = [];
  const add = (p: Problem | undefined) => p && out.push(p);
  for (const c of model.components) {
    for (const f of c.flags) {
      for (const list of ['verifies', 'verifiedBy'] as const) {
        (f.data[list] ?? []).forEach((e, i) => add(checkFlagRef(model, e.ref, f.file, `${f.pointer}/${list}/${i}/ref`, `${q(f.ref)} ${list}`)));
      }
      (f.data.interactsWith ?? []).forEach((r, i) => add(checkFlagRef(model, r, f.file, `${f.pointer}/interactsWith/${i}`, `${q(f.ref)} interactsWith`)));
      if (f.data.pairsWith) add(checkFlagRef(model, f.data.pairsWith, f.file, `${f.pointer}/pairsWith`, `${q(f.ref)} pairsWith`));
    }
  }
  for (const n of model.namespaces) {
    for (const r of n.resources) {
      (r.data.feeds ?? []).forEach((ref, i) => add(checkFlagRef(model, ref, r.file, `${r.pointer}/feeds/${i}`, `${q(r.ref)} feeds`)));
      (r.data.publishes ?? []).forEach((ref, i) => add(checkFlagRef(model, ref, r.file, `${r.pointer}/publishes/${i}`, `${q(r.ref)} publishes`)));
      (r.data.inputTo ?? []).forEach((ref, i) => {
        const pointer = `${r.pointer}/inputTo/${i}`;
        const parsed = parseResourceRef(ref, n.name);
        if (!parsed.ok) {
          out.push(problem('malformed-ref', r.file, pointer, `${q(r.ref)} inputTo: ${q(ref)} is not a resource reference: ${parsed.reason}${parsed.suggestion ? `; did you mean ${q(parsed.suggestion)}?` : ''}`));
          return;
        }
        const full = resolveResourceRef(ref, n.name)!;
        if (!model.resources.has(full)) {
          const near = closest(full, model.resources.keys());
          out.push(problem('unknown-ref', r.file, pointer, `${q(r.ref)} inputTo: resource ${q(full)} is not defined${near.length ? `; did you mean ${near.map(q).join(' or ')}?` : '; add it to its namespace file'}`));
        }
      });
      for (const list of ['producers', 'consumers'] as const) {
        (r.data[list] ?? []).forEach((actor, i) => {
          if (model.actorsByName.has(actor)) return;
          const near = closest(actor, model.actorsByName.keys());
          out.push(problem('unknown-ref', r.file, `${r.pointer}/${list}/${i}`, `${q(r.ref)} ${list}: actor ${JSON.stringify(actor)} is not defined; add it to actors.json${near.length ? ` or use one of: ${near.join(', ')}` : ''}`));
        });
      }
    }
  }
  if (model.document) {
    const { data, file } = model.document;
    data.sections.forEach((s, i) => {
      if (s.order && s.generated !== 'components' && s.generated !== 'namespaces') {
        out.push(problem('schema', file, `/sections/${i}/order`, `/sections/${i}/order: "order" only applies to generated components or namespaces; remove it`));
        return;
      }
      const known = s.generated === 'components' ? model.componentsByName : model.namespacesByName;
      (s.order ?? []).forEach((name, j) => {
        if (!known.has(name)) out.push(problem('unknown-ref', file, `/sections/${i}/order/${j}`, `section "${s.title}" orders ${s.generated} ${JSON.stringify(name)}, which is not defined; remove it or add its data file`));
      });
    });
  }
  return out;
};

function kindName(kind: FlagKind): string {
  return `${KIND_LABELS[kind]} (${kind})`;
}

/** Where an edge problem is shown: the `ref` of the entry on `preferred`'s side when written, else the other side's. */
function sideRef(e: TrustEdge, preferred: 'verifier' | 'verified'): { file: JsonFile; pointer: string } {
  const side = preferred === 'verifier' ? (e.verifierSide ?? e.verifiedSide!) : (e.verifiedSide ?? e.verifierSide!);
  return { file: side.file, pointer: `${side.pointer}/ref` };
}

/** Kinds whose files hold a private key; those come from Secrets, never ConfigMaps. */
const PRIVATE_KEY_KINDS: readonly FlagKind[] = ['serving-key', 'client-key', 'signing-key', 'token-signing-key', 'sni-cert-key'];

/** Only CA bundles and token-verifying keys verify; only certs and signing keys are verified; certs pair with keys; keys are not kept in ConfigMaps. */
export const kindMismatches: Rule = (model) => {
  const out: Problem[] = [];
  for (const e of model.edges) {
    const verifier = model.flags.get(e.verifier);
    const verified = model.flags.get(e.verified);
    if (!verifier || !verified) continue;
    if (!VERIFIER_KINDS.includes(verifier.data.kind)) {
      const at = sideRef(e, 'verifier');
      out.push(problem('kind-mismatch', at.file, at.pointer, `${q(e.verifier)} is a ${kindName(verifier.data.kind)} and cannot verify ${q(e.verified)}; only ${VERIFIER_KINDS.join(' and ')} flags verify. Name the flag that holds the verifying CA bundle instead`));
    } else if (!VERIFIABLE_KINDS.includes(verified.data.kind)) {
      const at = sideRef(e, 'verified');
      out.push(problem('kind-mismatch', at.file, at.pointer, `${q(e.verified)} is a ${kindName(verified.data.kind)} and cannot be verified by ${q(e.verifier)}; only ${VERIFIABLE_KINDS.join(', ')} flags are verified`));
    }
  }
  const pairs: Partial<Record<FlagKind, FlagKind>> = {
    'serving-cert': 'serving-key',
    'serving-key': 'serving-cert',
    'client-cert': 'client-key',
    'client-key': 'client-cert',
    'signing-cert': 'signing-key',
    'signing-key': 'signing-cert',
  };
  for (const c of model.components) {
    for (const f of c.flags) {
      if (!f.data.pairsWith) continue;
      const other = model.flags.get(f.data.pairsWith);
      if (!other) continue;
      const want = pairs[f.data.kind];
      if (want !== other.data.kind) {
        out.push(problem('kind-mismatch', f.file, `${f.pointer}/pairsWith`, `${q(f.ref)} is a ${kindName(f.data.kind)} but pairs with ${q(other.ref)}, a ${kindName(other.data.kind)}${want ? `; it should pair with a ${kindName(want)}` : '; only certs and keys pair'}`));
      }
    }
  }
  for (const n of model.namespaces) {
    for (const r of n.resources) {
      if (!r.data.name.startsWith('cm/')) continue;
      (r.data.feeds ?? []).forEach((ref, i) => {
        const flag = model.flags.get(ref);
        if (flag && PRIVATE_KEY_KINDS.includes(flag.data.kind)) {
          out.push(problem('kind-mismatch', r.file, `${r.pointer}/feeds/${i}`, `ConfigMap ${q(r.ref)} feeds ${q(ref)}, a ${kindName(flag.data.kind)}; private keys are kept in Secrets, not ConfigMaps: name the Secret that feeds it`));
        }
      });
    }
  }
  return out;
};

function isKindMismatch(model: Model, e: TrustEdge): boolean {
  const verifier = model.flags.get(e.verifier);
  const verified = model.flags.get(e.verified);
  return !!verifier && !!verified && (!VERIFIER_KINDS.includes(verifier.data.kind) || !VERIFIABLE_KINDS.includes(verified.data.kind));
}

/** Every must-verify edge is written on both flags. */
export const oneSidedEdges: Rule = (model) => {
  const out: Problem[] = [];
  for (const e of model.edges) {
    const verifier = model.flags.get(e.verifier);
    const verified = model.flags.get(e.verified);
    // Undefined ends are unknown-ref problems; impossible edges are kind-mismatch problems.
    if (!verifier || !verified || isKindMismatch(model, e)) continue;
    if (e.verifierSide && !e.verifiedSide) {
      out.push(problem('one-sided-edge', e.verifierSide.file, `${e.verifierSide.pointer}/ref`, `${q(e.verifier)} says it must be able to verify ${q(e.verified)}, but ${q(e.verified)} does not list ${q(e.verifier)} under verifiedBy; add it there (${verified.file.file}) or remove this entry`));
    } else if (e.verifiedSide && !e.verifierSide) {
      out.push(problem('one-sided-edge', e.verifiedSide.file, `${e.verifiedSide.pointer}/ref`, `${q(e.verified)} says it must be verifiable by ${q(e.verifier)}, but ${q(e.verifier)} does not list ${q(e.verified)} under verifies; add it there (${verifier.file.file}) or remove this entry`));
    }
  }
  return out;
};

/** Both sides of an edge must state the same condition. */
export const conditionMismatches: Rule = (model) => {
  const out: Problem[] = [];
  for (const e of model.edges) {
    if (!e.verifierSide || !e.verifiedSide) continue;
    const a = e.verifierSide.edge.condition ?? '';
    const b = e.verifiedSide.edge.condition ?? '';
    if (a === b) continue;
    const show = (s: string) => (s ? JSON.stringify(s) : 'no condition');
    out.push(problem('edge-condition-mismatch', e.verifiedSide.file, `${e.verifiedSide.pointer}/${b ? 'condition' : 'ref'}`, `the edge ${q(e.verifier)} → ${q(e.verified)} has ${show(b)} on ${q(e.verified)} but ${show(a)} on ${q(e.verifier)}; write the same condition on both sides`));
  }
  return out;
};

/**
 * The enhancement's tables carry a flag's kind only in its purpose ("CA bundle
 * used to …", "Serving cert used to …"), and the importer reads it back from
 * there: a purpose must say what the flag is, in the words the kind has.
 */
export const kindInPurpose: Rule = (model) => {
  const out: Problem[] = [];
  for (const c of model.components) {
    for (const f of c.flags) {
      const guess = inferKind(f.data.purpose, f.data.name);
      if (guess.certain && guess.kind === f.data.kind) continue;
      const reads = guess.certain ? `reads as ${kindName(guess.kind)}` : 'does not say what kind of flag it is';
      out.push(
        problem(
          'kind-purpose-mismatch',
          f.file,
          `${f.pointer}/purpose`,
          `${q(f.ref)} has kind ${kindName(f.data.kind)} but its purpose ${reads}; open the purpose with the kind's words ("${KIND_OPENINGS[f.data.kind]}"), since the enhancement carries the kind only there, or fix the kind`,
        ),
      );
    }
  }
  return out;
};

/**
 * The generator writes one sentence per (condition, qualifier, consequence)
 * group of a flag's verifies or verifiedBy list; entries with the same wording
 * must be next to each other, or the document reads them back reordered.
 */
export const edgeOrder: Rule = (model) => {
  const out: Problem[] = [];
  for (const c of model.components) {
    for (const f of c.flags) {
      for (const list of ['verifies', 'verifiedBy'] as const) {
        const entries = f.data[list] ?? [];
        if (entries.length < 3) continue; // a separated pair needs another entry between them
        const keys = entries.map((e) => JSON.stringify([e.condition ?? '', e.qualifier ?? '', e.consequence ?? '']));
        const firstAt = new Map<string, number>();
        keys.forEach((k, i) => {
          const first = firstAt.get(k);
          if (first !== undefined && keys[i - 1] !== k) {
            out.push(
              problem(
                'edge-order',
                f.file,
                `${f.pointer}/${list}/${i}`,
                `${q(f.ref)} ${list}: ${q(entries[i]!.ref)} has the same condition, qualifier and consequence as ${q(entries[first]!.ref)} (entry ${first}) but is not next to it; move it right after that entry, since the enhancement writes them as one sentence`,
              ),
            );
          }
          if (first === undefined) firstAt.set(k, i);
        });
      }
    }
  }
  return out;
};

/**
 * Distinct flags must get distinct diagram files, SVG ids and site links. A flag's diagram id joins
 * component and flag with a dash, so `a --b-ca` and `a-b --ca` would both be flag-a-b-ca: report it.
 */
export const idCollisions: Rule = (model) => {
  const out: Problem[] = [];
  const first = new Map<string, FlagNode>();
  for (const c of model.components) {
    for (const f of c.flags) {
      if (!parseFlagRef(f.ref).ok) continue; // invalid-name reports it
      const id = flagDiagramId(f.ref);
      const other = first.get(id);
      if (!other) first.set(id, f);
      else if (other.ref !== f.ref) {
        out.push(problem('name-collision', f.file, `${f.pointer}/name`, `flags ${q(other.ref)} (${other.file.file}) and ${q(f.ref)} would share the diagram ${id}.mmd, its SVG and its page; rename one of them`));
      }
    }
  }
  return out;
};

/**
 * A line that could start an ATX heading ("# x", up to three spaces before it) or underline a setext one
 * ("===", "---"). Without one the text holds no heading and is not parsed (the parser is loaded on first use).
 */
const MAY_HOLD_HEADING = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)/m;

/** The line (1-based, within the text) of the first top-level heading in block markdown, if any. */
export function headingLine(markdown: string | undefined): number | undefined {
  if (!markdown?.trim() || !MAY_HOLD_HEADING.test(markdown)) return undefined;
  const heading = parseMarkdown(markdown).children.find((n) => n.type === 'heading');
  return heading ? (heading.position?.start.line ?? 1) : undefined;
}

/**
 * A namespace contract or a section body is block markdown inside a place the enhancement's own
 * headings structure: a heading in it would become a section of its own (and split the data on re-import).
 */
export const blockHeadings: Rule = (model) => {
  const out: Problem[] = [];
  const check = (markdown: string | undefined, file: JsonFile, pointer: string, what: string) => {
    const line = headingLine(markdown);
    if (line !== undefined)
      out.push(problem('schema', file, pointer, `${what} holds a heading (its line ${line}); headings come from the data's structure and one here would start a section of its own; write it as **bold** text or a paragraph instead`));
  };
  for (const n of model.namespaces) check(n.data.contract, n.file, '/contract', `the contract of namespace ${n.name}`);
  model.document?.data.sections.forEach((section, i) => check(section.body, model.document!.file, `/sections/${i}/body`, `the body of section ${JSON.stringify(section.title)}`));
  return out;
};

/** Every actor in actors.json produces or consumes something; an unused one is left over from a rename or removal. */
export const unusedActors: Rule = (model) => {
  const used = new Set<string>();
  for (const n of model.namespaces) for (const r of n.resources) for (const a of [...(r.data.producers ?? []), ...(r.data.consumers ?? [])]) used.add(a);
  // Actors that create or copy certificate material are used too.
  for (const d of model.distributions) for (const m of d.materials) for (const a of [m.data.createdBy?.actor, ...m.data.locations.map((l) => l.copy?.by)]) if (a) used.add(a);
  return model.actors
    .filter((a) => !used.has(a.name))
    .map((a) =>
      problem('unused-actor', a.file, a.pointer, `actor ${JSON.stringify(a.name)} produces, consumes, creates and copies nothing; name it as a producer or consumer of a resource or as a material's createdBy or copy actor, or remove it from actors.json`),
    );
};

/** A symptom's `loggedBy` names a component defined in components/. */
export const symptomRefs: Rule = (model) => {
  const out: Problem[] = [];
  for (const c of model.components) {
    for (const f of c.flags) {
      (f.data.verifies ?? []).forEach((e, i) => {
        (e.symptoms?.errors ?? []).forEach((err, j) => {
          if (err.loggedBy === undefined || model.componentsByName.has(err.loggedBy)) return;
          const near = closest(err.loggedBy, model.componentsByName.keys());
          out.push(
            problem('unknown-ref', f.file, `${f.pointer}/verifies/${i}/symptoms/errors/${j}/loggedBy`, `${q(f.ref)} symptom ${JSON.stringify(err.text)}: loggedBy names component ${JSON.stringify(err.loggedBy)}, which is not defined; ${near.length ? `use one of: ${near.join(', ')}, or ` : ''}add components/${err.loggedBy}.json or remove loggedBy`),
          );
        });
      });
    }
  }
  return out;
};

export const RULES: Rule[] = [
  invalidNames,
  fileNames,
  duplicates,
  references,
  kindMismatches,
  kindInPurpose,
  oneSidedEdges,
  conditionMismatches,
  edgeOrder,
  unusedActors,
  idCollisions,
  blockHeadings,
  symptomRefs,
];

export type { FlagNode };
