import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { formatProblemText, UserError } from '../../lib/problems.ts';
import { listFiles } from '../../lib/files.ts';
import { committedOutputs, DIAGRAM_DIR } from '../../generate/outputs.ts';
import { validateDataDir } from '../../validate/index.ts';
import { parse, type Command } from '../command.ts';

export const FIX_COMMAND = 'npm run build';

export interface StaleFile {
  /** Path relative to the project root. */
  file: string;
  state: 'missing' | 'outdated' | 'extra';
  /** Unified diff from the committed file to the generated one. */
  patch: string;
}

export interface CheckResult {
  /** Validation problems (then nothing was compared). */
  problems: string[];
  stale: StaleFile[];
  /** Number of generated files compared. */
  compared: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Regenerate in memory and compare with the files under `root`. No browser involved. */
export function checkGenerated(dataDir: string, root: string): CheckResult {
  const { problems, model } = validateDataDir(dataDir);
  if (problems.length || !model) return { problems: problems.map(formatProblemText), stale: [], compared: 0 };
  const expected = committedOutputs(model);
  const stale: StaleFile[] = [];
  for (const [rel, content] of expected) {
    const committed = read(path.join(root, rel));
    if (committed === content) continue;
    stale.push({
      file: rel,
      state: committed === undefined ? 'missing' : 'outdated',
      patch: createTwoFilesPatch(committed === undefined ? '/dev/null' : `a/${rel}`, `b/${rel}`, committed ?? '', content, 'committed', 'generated'),
    });
  }
  for (const name of listFiles(path.join(root, DIAGRAM_DIR), '.mmd')) {
    const rel = `${DIAGRAM_DIR}/${name}`;
    if (expected.has(rel)) continue;
    const committed = read(path.join(root, rel)) ?? '';
    stale.push({ file: rel, state: 'extra', patch: createTwoFilesPatch(`a/${rel}`, '/dev/null', committed, '', 'committed', 'should not exist') });
  }
  return { problems: [], stale, compared: expected.size };
}

const STATE_TEXT: Record<StaleFile['state'], string> = {
  missing: 'missing',
  outdated: 'out of date',
  extra: 'should not exist (its diagram is gone)',
};

export const command: Command = {
  name: 'check',
  summary: 'Fail when committed generated files are stale',
  help: `Usage: certdocs check [--data DIR] [--out DIR]

Regenerates the enhancement and every diagram's .mmd in memory and compares
them with the committed files; also reports committed .mmd files whose
diagram no longer exists. No browser is needed.

When anything is stale it prints a unified diff (committed → generated) and
exits 1; run \`${FIX_COMMAND}\` and commit the result.

Options:
  --data DIR   data folder (default: data)
  --out DIR    project root holding the committed files (default: the working directory)

Exit status: 0 up to date, 1 stale files or problems in the data, 2 usage error.
`,
  async run(argv, io) {
    const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } }, false);
    const data = values.data ?? 'data';
    if (!existsSync(data) || !statSync(data).isDirectory()) throw new UserError(`data folder ${data} does not exist; pass --data DIR`, 2);
    const root = values.out ?? '.';
    const result = checkGenerated(data, root);
    if (result.problems.length) {
      for (const p of result.problems) io.stdout(`${p}\n`);
      io.stderr(`check: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${data}; fix them (certdocs validate) before the generated files can be checked\n`);
      return 1;
    }
    if (!result.stale.length) {
      io.stderr(`check: ${result.compared} generated files are up to date\n`);
      return 0;
    }
    for (const s of result.stale) io.stdout(s.patch.endsWith('\n') ? s.patch : `${s.patch}\n`);
    io.stderr(
      `check: ${result.stale.length} generated file${result.stale.length === 1 ? ' is' : 's are'} stale:\n` +
        result.stale.map((s) => `  ${s.file}: ${STATE_TEXT[s.state]}\n`).join('') +
        `Run \`${FIX_COMMAND}\` to regenerate them, then commit the result.\n`,
    );
    return 1;
  },
};
