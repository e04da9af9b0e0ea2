// The troubleshooting page: ranks the must-verify edges for the pasted line and
// reorders the edge sections already on the page. The pasted text is only read:
// everything written into the page comes from the site's own data.
import { detectComponent, rankEdges } from './troubleshoot-rank.js';

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

function run() {
  const line = input.value;
  if (!line.trim()) {
    reset();
    return;
  }
  const chosen = select.value;
  const candidates = rankEdges(line, edges, chosen || undefined);
  for (const s of original) s.hidden = true;
  candidates.forEach((c, i) => {
    const s = sections.get(c.id);
    if (!s) return;
    s.hidden = false;
    s.classList.add('candidate');
    const rank = s.querySelector('.edge-rank');
    rank.hidden = false;
    rank.textContent = `Candidate ${i + 1} of ${candidates.length}: the line contains ${c.matched.map((m) => `“${m}”`).join(', ')}`;
    list.appendChild(s);
  });
  const from = chosen || detectComponent(line);
  status.textContent = candidates.length
    ? `${candidates.length} candidate edge${candidates.length === 1 ? '' : 's'}${from ? `, reading the line as written by ${from}` : ''}; best match first.`
    : 'No documented error text is in this line. All edges are listed below; the list of documented error texts is at the end of the page.';
  if (!candidates.length) for (const s of original) s.hidden = false;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
form.addEventListener('reset', () => setTimeout(reset, 0));
