// Renders the Mermaid diagrams of a page in the browser. Only used when the
// build had no SVGs (certdocs generate --no-render); mermaid is served by the
// site itself. The configuration is the build's (scripts/render/config.ts,
// handed over in the script element's data-config): the same look and the same
// raised size limits. Diagrams sit on a light panel in both colour schemes, so
// the default theme is used either way, as for the SVGs rendered at build time.
// Each rendered SVG gets the same sizing as the build's (scripts/site/diagrams.ts
// readableSvg): up to its natural width, never below 75 % of it (12 px text).
/* global mermaid */
(function () {
  if (typeof mermaid === 'undefined') return;
  var config = {};
  try {
    config = JSON.parse((document.currentScript && document.currentScript.getAttribute('data-config')) || '{}');
  } catch (e) {
    config = {};
  }
  // Whatever the page says, labels stay text and nothing starts on its own.
  config.startOnLoad = false;
  config.securityLevel = 'strict';
  mermaid.initialize(config);
  mermaid.run({ querySelector: 'pre.mermaid' }).then(function () {
    var svgs = document.querySelectorAll('pre.mermaid svg');
    for (var i = 0; i < svgs.length; i++) {
      var vb = svgs[i].viewBox && svgs[i].viewBox.baseVal;
      if (!vb || !vb.width) continue;
      svgs[i].style.maxWidth = Math.ceil(vb.width) + 'px';
      svgs[i].style.minWidth = Math.ceil(vb.width * 0.75) + 'px';
      svgs[i].setAttribute('data-natural-width', String(vb.width));
    }
    document.dispatchEvent(new CustomEvent('certdocs:diagrams-rendered'));
  });
})();
