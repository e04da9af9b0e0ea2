/** Fixed locations of the generated files, relative to the project root (no heavy imports: the CLI's fast path reads these). */
export const ENHANCEMENT_PATH = 'enhancements/kube-apiserver/certificates.md';
export const DIAGRAM_DIR = 'enhancements/kube-apiserver/diagrams';
export const SVG_DIR = 'site/diagrams';

export function mmdPath(id: string): string {
  return `${DIAGRAM_DIR}/${id}.mmd`;
}

export function svgPath(id: string): string {
  return `${SVG_DIR}/${id}.svg`;
}
