/**
 * Measurements of rendered diagrams, run inside the page (a plain script
 * string, so the test's TypeScript transform never reaches the browser):
 * bounding boxes of edge labels, nodes and cluster titles, their overlaps,
 * and the rendered size of the text (font size times the SVG's scale).
 */
export interface DiagramGeometry {
  id: string;
  labels: number;
  nodes: number;
  overlaps: string[];
  /** Smallest rendered text height in CSS px: computed font size × the SVG's on-screen scale. */
  minTextPx: number;
  /** On-screen width ÷ viewBox width. */
  scale: number;
}

/** `(root) => DiagramGeometry[]` for every inline diagram SVG under `root` (a CSS selector). */
export const GEOMETRY_SCRIPT = String.raw`(rootSelector) => {
  function box(e) { var b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; }
  function inter(a, b) { return a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5; }
  var out = [];
  var svgs = document.querySelectorAll(rootSelector + ' .diagram svg[role="img"]');
  for (var s = 0; s < svgs.length; s++) {
    var svg = svgs[s];
    var vb = svg.viewBox.baseVal;
    var scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
    var labels = [];
    var le = svg.querySelectorAll('g.edgeLabel');
    for (var i = 0; i < le.length; i++) { var t = le[i].textContent.trim(); var b = box(le[i]); if (t && b.w > 0) labels.push({ text: t, x: b.x, y: b.y, w: b.w, h: b.h }); }
    var nodes = [];
    var ne = svg.querySelectorAll('g.node, g.cluster-label');
    for (var j = 0; j < ne.length; j++) { var nb = box(ne[j]); nodes.push({ text: ne[j].textContent.trim(), x: nb.x, y: nb.y, w: nb.w, h: nb.h }); }
    var overlaps = [];
    for (var a = 0; a < labels.length; a++) {
      for (var n = 0; n < nodes.length; n++) if (inter(labels[a], nodes[n])) overlaps.push('label "' + labels[a].text + '" overlaps "' + nodes[n].text + '"');
      for (var c = a + 1; c < labels.length; c++) if (inter(labels[a], labels[c])) overlaps.push('label "' + labels[a].text + '" overlaps label "' + labels[c].text + '"');
    }
    var min = Infinity;
    var te = svg.querySelectorAll('text, foreignObject span, foreignObject p');
    for (var k = 0; k < te.length; k++) {
      if (!te[k].textContent.trim()) continue;
      var r = te[k].getBoundingClientRect();
      if (!r.width) continue;
      var px = parseFloat(getComputedStyle(te[k]).fontSize) * scale;
      if (px < min) min = px;
    }
    out.push({ id: svg.id, labels: labels.length, nodes: nodes.length, overlaps: overlaps, minTextPx: min, scale: scale });
  }
  return out;
}`;
