// Renders the Mermaid diagrams of a page in the browser. Only used when the
// build had no SVGs (certdocs generate --no-render); mermaid is served by the
// site itself. Diagrams sit on a light panel in both colour schemes, so the
// default theme is used either way, as for the SVGs rendered at build time.
/* global mermaid */
(function () {
  if (typeof mermaid === 'undefined') return;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  mermaid.run({ querySelector: 'pre.mermaid' });
})();
