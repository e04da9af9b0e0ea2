/**
 * Pagefind's ranking on this site (read by the search page's script, scripts/site/pages/layout.ts;
 * its own module, so that rendering pages does not load Pagefind). Pagefind's default favours short pages
 * (pageLength 0.75); an edge page that documents several error texts is
 * longer than one that shares most words of a query, so for "rejected
 * connection on client endpoint" the peer edge came before an edge that
 * documents the text. With 0.6 every documented error text and "x509" list
 * the edges that document them first (the browser test checks each); at 0.4
 * and below the enhancement, which repeats every text, comes first, and at
 * 0.75 the peer edge does (measured 2026-12-03: passing between 0.5 and 0.65).
 */
export const SEARCH_RANKING = { pageLength: 0.6 } as const;
