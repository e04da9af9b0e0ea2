/**
 * A node:test reporter that prints, at the end of a run, the test files that
 * took longest (sum of their top-level tests and suites, hooks included).
 * `npm test` writes it to stderr next to the usual TAP output on stdout.
 */
export default async function* slowest(source) {
  const perFile = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const ms = event.data.details?.duration_ms ?? 0;
      perFile.set(event.data.file, (perFile.get(event.data.file) ?? 0) + ms);
    }
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (!rows.length) return;
  const cwd = process.cwd();
  yield 'slowest test files (top-level tests and hooks):\n';
  for (const [file, ms] of rows) yield `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.startsWith(cwd) ? file.slice(cwd.length + 1) : file}\n`;
}
