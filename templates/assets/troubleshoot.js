// The troubleshooting page: ranks the must-verify edges for the pasted line and
// reorders the edge sections already on the page. The pasted text is only read:
// everything written into the page comes from the site's own data.
import { detectComponent, logLines, rankEdges, rankLines } from './troubleshoot-rank.js';

const dataElement = document.getElementById('troubleshoot-data');
const edges = JSON.parse(dataElement.textContent);
const form = document.getElementById('troubleshoot-form');
const input = document.getElementById('log-line');
const select = document.getElementById('log-component');
const status = document.getElementById('troubleshoot-status');
const list = document.getElementById('edges');
const sections = new Map([...list.querySelectorAll('[data-edge]')].map((s) => [s.id, s]));
const original = [...sections.values()];

function reset() {
  for (const s of original) {
    s.hidden = false;
    s.classList.remove('candidate');
    const rank = s.querySelector('.edge-rank');
    rank.hidden = true;
    rank.textContent = '';
    list.appendChild(s);
  }
  status.textContent = '';
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Show these candidates, in this order, each with its label; the others are hidden. */
function show(candidates, label) {
  for (const s of original) s.hidden = true;
  candidates.forEach((c, i) => {
    const s = sections.get(c.id);
    if (!s) return;
    s.hidden = false;
    s.classList.add('candidate');
    const rank = s.querySelector('.edge-rank');
    rank.hidden = false;
    rank.textContent = `Candidate ${i + 1} of ${candidates.length}: ${label(c)}`;
    list.appendChild(s);
  });
  if (!candidates.length) for (const s of original) s.hidden = false;
}

const quoted = (c) => c.matched.map((m) => `“${m}”`).join(', ');

function run() {
  const text = input.value;
  const lines = logLines(text);
  if (!lines.length) {
    reset();
    return;
  }
  const chosen = select.value;
  if (lines.length > 1) {
    // Several lines: each ranked on its own; edges by how many lines rank them first.
    const ranked = rankLines(text, edges, chosen || undefined);
    show(ranked.edges, (c) => `${plural(c.lines, 'line')} of ${ranked.lines} rank${c.lines === 1 ? 's' : ''} it first; they contain ${quoted(c)}`);
    status.textContent = ranked.edges.length
      ? `${plural(ranked.lines, 'line')}, ${ranked.matchedLines} with a documented error text, pointing to ${plural(ranked.edges.length, 'edge')}; the edge most lines point to first.`
      : 'No documented error text is in these lines. All edges are listed below; the list of documented error texts is at the end of the page.';
    return;
  }
  const candidates = rankEdges(text, edges, chosen || undefined);
  show(candidates, (c) => `the line contains ${quoted(c)}`);
  const from = chosen || detectComponent(text);
  status.textContent = candidates.length
    ? `${plural(candidates.length, 'candidate edge')}${from ? `, reading the line as written by ${from}` : ''}; best match first.`
    : 'No documented error text is in this line. All edges are listed below; the list of documented error texts is at the end of the page.';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
form.addEventListener('reset', () => setTimeout(reset, 0));
