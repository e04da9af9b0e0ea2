// Renders the Mermaid diagrams of a page in the browser. Only used when the
// build had no SVGs (certdocs generate --no-render); mermaid is served by the site.
/* global mermaid */
(function () {
  if (typeof mermaid === 'undefined') return;
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
  mermaid.run({ querySelector: 'pre.mermaid' });
})();
