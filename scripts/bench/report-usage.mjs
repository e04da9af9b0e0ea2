// Preloaded by the growth bench (`node --import ./scripts/bench/report-usage.mjs …`):
// when the process exits, its own CPU time and peak resident set size are
// written as JSON to $CERTDOCS_USAGE_FILE. Plain JavaScript so it loads
// before any TypeScript loader.
import { writeFileSync } from 'node:fs';

const file = process.env.CERTDOCS_USAGE_FILE;
delete process.env.CERTDOCS_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS }));
  });
}
