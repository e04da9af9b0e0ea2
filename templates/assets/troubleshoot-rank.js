// Ranks must-verify edges for a pasted log line. Shared by the troubleshooting
// page (loaded as an ES module) and the tests (imported in Node). Pure: it reads
// the line and the edges' documented texts and returns scores; it never touches
// the page, so the pasted text is never written into the document.

/** Which component most likely wrote the line, from markers its logs carry. */
const COMPONENT_MARKERS = [
  // OpenShift runs the kubelet as kubenswrapper; journald prefixes lines with it.
  [/\bkubenswrapper\b|\bhyperkube kubelet\b|\bkubelet(?:\[\d+\])?:/i, 'kubelet'],
  // kubectl/oc print an error kube-apiserver returned as "Error from server".
  [/\bError from server\b/, 'kube-apiserver'],
  [/\bkube-apiserver\b/i, 'kube-apiserver'],
  [/\bkube-controller-manager\b/i, 'kube-controller-manager'],
  [/\bkube-scheduler\b/i, 'kube-scheduler'],
];

/** @param {string} line @returns {string | undefined} */
export function detectComponent(line) {
  for (const [re, component] of COMPONENT_MARKERS) if (re.test(line)) return component;
  return undefined;
}

/**
 * @param {string} line the pasted text
 * @param {Array<{id: string, signing: boolean, hints: string[], errors: Array<{text: string, loggedBy?: string}>}>} edges
 * @param {string} [component] who wrote the line; detected from the line when not given
 * @returns {Array<{id: string, score: number, matched: string[]}>} candidates with at least one documented text in the line, best first
 */
export function rankEdges(line, edges, component) {
  const text = String(line).toLowerCase();
  const from = component || detectComponent(String(line));
  const out = [];
  edges.forEach((edge, order) => {
    let score = 0;
    const matched = [];
    for (const e of edge.errors) {
      if (!text.includes(e.text.toLowerCase())) continue;
      matched.push(e.text);
      score += 10;
      if (from && e.loggedBy) score += e.loggedBy === from ? 5 : -5;
    }
    if (!matched.length) return;
    // How much of what this edge documents the line shows.
    score += (5 * matched.length) / edge.errors.length;
    // Paths and names the edge's documentation mentions (`/containerLogs`, `kubernetes.default.svc`).
    for (const hint of edge.hints) if (text.includes(hint.toLowerCase())) score += 3;
    // An edge to a signer is one step removed from the certificate that failed.
    if (edge.signing) score -= 1;
    out.push({ id: edge.id, score, matched, order });
  });
  out.sort((a, b) => b.score - a.score || a.order - b.order);
  return out.map(({ id, score, matched }) => ({ id, score, matched }));
}

/** The non-empty lines of pasted text (any line ending). @param {string} text @returns {string[]} */
export function logLines(text) {
  return String(text).split(/\r\n|\r|\n/).filter((line) => line.trim());
}

/**
 * Several lines (a piece of a log): each line is ranked on its own, with who
 * wrote it read from that line unless given, and the edges that some line
 * ranks first are listed by how many lines do, then by their best score.
 * @param {string} text the pasted lines
 * @param {Array<{id: string, signing: boolean, hints: string[], errors: Array<{text: string, loggedBy?: string}>}>} edges
 * @param {string} [component] who wrote the lines; read from each line when not given
 * @returns {{lines: number, matchedLines: number, edges: Array<{id: string, score: number, matched: string[], lines: number, first: number}>}}
 *   `first` is the index (from 0, among non-empty lines) of the first line that ranks the edge first
 */
export function rankLines(text, edges, component) {
  const byId = new Map();
  const lines = logLines(text);
  let matchedLines = 0;
  lines.forEach((line, index) => {
    const top = rankEdges(line, edges, component || detectComponent(line))[0];
    if (!top) return;
    matchedLines++;
    const seen = byId.get(top.id);
    if (!seen) {
      byId.set(top.id, { id: top.id, score: top.score, matched: [...top.matched], lines: 1, first: index });
      return;
    }
    seen.lines++;
    seen.score = Math.max(seen.score, top.score);
    for (const m of top.matched) if (!seen.matched.includes(m)) seen.matched.push(m);
  });
  const out = [...byId.values()].sort((a, b) => b.lines - a.lines || b.score - a.score || a.first - b.first);
  return { lines: lines.length, matchedLines, edges: out };
}
