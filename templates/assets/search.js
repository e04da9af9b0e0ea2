// The search page: Pagefind's UI, served from this site (works offline).
// A ?q= query (from the search boxes on every page) runs straight away.
/* global PagefindUI */
(function () {
  var script = document.currentScript;
  var bundlePath = script.getAttribute('data-bundle') || '/pagefind/';
  var baseUrl = script.getAttribute('data-base') || '/';
  var ranking;
  try {
    ranking = JSON.parse(script.getAttribute('data-ranking') || 'null') || undefined;
  } catch (e) {
    ranking = undefined;
  }
  function start() {
    if (typeof PagefindUI === 'undefined') return;
    var ui = new PagefindUI({
      element: '#search',
      bundlePath: bundlePath,
      baseUrl: baseUrl,
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      translations: { placeholder: 'Search flags, ConfigMaps and Secrets' },
      ranking: ranking,
    });
    // Give Pagefind's input a visible label (it only has a title).
    var input = document.querySelector('#search .pagefind-ui__search-input');
    if (input && document.getElementById('search-label')) input.setAttribute('aria-labelledby', 'search-label');
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) ui.triggerSearch(q);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
