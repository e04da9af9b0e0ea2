/**
 * The committed generated files, in memory: the enhancement markdown and one
 * `.mmd` per diagram. `certdocs generate` writes them; `certdocs check`
 * compares them with what is committed. Paths are relative to the project
 * root, with forward slashes.
 */
import path from 'node:path';
import { UserError } from '../lib/problems.ts';
import type { Model } from '../model/model.ts';
import { buildDiagrams, OVERALL_ID, RESOURCE_FLOW_ID, type Diagram } from './diagrams.ts';
import { enhancementMarkdown } from './enhancement.ts';

import { DIAGRAM_DIR, ENHANCEMENT_PATH, mmdPath } from './paths.ts';

export { DIAGRAM_DIR, ENHANCEMENT_PATH, SVG_DIR, mmdPath, svgPath } from './paths.ts';

/** Where the enhancement goes: document.json's `output`, else the default. Must stay inside the project. */
export function enhancementPath(model: Model): string {
  const wanted = model.document?.data.output ?? ENHANCEMENT_PATH;
  const normal = path.posix.normalize(wanted);
  // The schema allows only .md files under enhancements/; this guards callers that skip validation.
  const file = model.document?.file.file ?? 'document.json';
  if (path.posix.isAbsolute(normal) || !normal.startsWith('enhancements/') || !normal.endsWith('.md')) {
    throw new UserError(`${file}: output ${JSON.stringify(wanted)} is not a .md file under enhancements/; use a path such as ${JSON.stringify(ENHANCEMENT_PATH)}`);
  }
  // The diagrams folder holds only generated .mmd files (stale ones are removed); the enhancement does not go there.
  if (normal.startsWith(`${DIAGRAM_DIR}/`)) throw new UserError(`${file}: output ${JSON.stringify(wanted)} is inside ${DIAGRAM_DIR}/, the diagrams' folder; use a path such as ${JSON.stringify(ENHANCEMENT_PATH)}`);
  return normal;
}

/** The diagrams embedded in the enhancement: overall, then resource-flow. */
export function embeddedDiagrams(diagrams: Diagram[]): Diagram[] {
  return [OVERALL_ID, RESOURCE_FLOW_ID].map((id) => diagrams.find((d) => d.id === id)).filter((d): d is Diagram => d !== undefined);
}

/**
 * Relative path → content of every committed generated file: the enhancement first, then the .mmd files in diagram order.
 * `enhancement` is the markdown when it was already generated from the same data (in a worker, see parallel.ts).
 */
export function committedOutputs(model: Model, diagrams: Diagram[] = buildDiagrams(model), enhancement?: string): Map<string, string> {
  const out = new Map<string, string>();
  out.set(enhancementPath(model), enhancement ?? enhancementMarkdown(model, embeddedDiagrams(diagrams)));
  for (const d of diagrams) out.set(mmdPath(d.id), d.source);
  return out;
}
