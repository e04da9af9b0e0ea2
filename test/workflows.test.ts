import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { usage } from '../scripts/cli/main.ts';
import { PROJECT_ROOT } from '../scripts/site/settings.ts';

const WORKFLOWS = '.github/workflows';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  id?: string;
}
interface Job {
  'runs-on'?: string;
  container?: string | { image: string };
  steps: Step[];
  needs?: string | string[];
  environment?: unknown;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(file: string): Workflow {
  const doc = parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
  assert.equal(typeof doc, 'object', `${file} is not a YAML mapping`);
  return doc;
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const packageScripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
/** Commands listed by `certdocs --help`. */
const cliCommands = new Set(
  usage()
    .split('\n')
    .map((l) => /^ {2}([a-z][a-z-]*)\s{2,}/.exec(l)?.[1])
    .filter((x): x is string => !!x),
);

const runs = (wf: Workflow): Array<{ job: string; step: Step; run: string }> =>
  Object.entries(wf.jobs).flatMap(([job, j]) => j.steps.filter((s) => s.run).map((step) => ({ job, step, run: step.run! })));

/** `npm run X` / `npm test` / `npm start` / `npx certdocs Y` invocations in a shell snippet. */
function invocations(shell: string): { npm: Array<{ script: string; ifPresent: boolean }>; certdocs: string[] } {
  const npm: Array<{ script: string; ifPresent: boolean }> = [];
  const certdocs: string[] = [];
  for (const m of shell.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([^\s;&|]+)([^;&|\n]*)|(test|start)\b)/g)) {
    npm.push({ script: m[1] ?? m[3]!, ifPresent: /--if-present/.test(m[2] ?? '') });
  }
  for (const m of shell.matchAll(/\bnpx\s+(?:--no-install\s+|--yes\s+|-y\s+)?certdocs\s+([^\s;&|]+)/g)) certdocs.push(m[1]!);
  return { npm, certdocs };
}

test('the CLI command list is read from certdocs --help', () => {
  for (const c of ['validate', 'generate', 'check', 'diff', 'impact', 'coverage']) assert.ok(cliCommands.has(c), `certdocs --help does not list ${c}`);
});

test('the invocation scanner finds npm scripts and certdocs commands', () => {
  assert.deepEqual(invocations('npm ci && npm run validate\nnpm test; npx certdocs diff origin/main HEAD >> x\nnpm run site:build --if-present'), {
    npm: [
      { script: 'validate', ifPresent: false },
      { script: 'test', ifPresent: false },
      { script: 'site:build', ifPresent: true },
    ],
    certdocs: ['diff'],
  });
});

test('there are workflows, and every one parses', () => {
  assert.deepEqual(files, ['publish.yml', 'pull-request.yml']);
  for (const f of files) {
    const wf = load(f);
    assert.ok(wf.name, `${f} has no name`);
    assert.ok(Object.keys(wf.jobs).length, `${f} has no jobs`);
  }
});

for (const f of files) {
  test(`${f}: every npm script and certdocs command it runs exists`, () => {
    const wf = load(f);
    let count = 0;
    for (const { job, step, run } of runs(wf)) {
      const { npm, certdocs } = invocations(run);
      for (const { script } of npm) {
        count++;
        assert.ok(script in packageScripts, `${f} job ${job} step "${step.name ?? run}" runs npm script "${script}", which package.json does not define`);
      }
      for (const c of certdocs) {
        count++;
        assert.ok(cliCommands.has(c), `${f} job ${job} step "${step.name ?? run}" runs "certdocs ${c}", which is not a certdocs command (${[...cliCommands].join(', ')})`);
      }
    }
    assert.ok(count > 0, `${f} runs no npm script or certdocs command`);
  });

  test(`${f}: every action is pinned to a version`, () => {
    for (const job of Object.values(load(f).jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) assert.match(step.uses!, /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v?\d/, `${step.uses} is not pinned`);
    }
  });
}

test('package.json scripts only call npm scripts that exist (unless --if-present)', () => {
  for (const [name, cmd] of Object.entries(packageScripts)) {
    for (const { script, ifPresent } of invocations(cmd).npm) {
      if (!ifPresent) assert.ok(script in packageScripts, `npm script "${name}" runs "npm run ${script}", which does not exist`);
    }
  }
});

test('pull-request.yml: full history, Node 20, Debian chromium, plain npm ci (the project .puppeteerrc.cjs turns the browser download off), validate → test → check → diff into the job summary', () => {
  const wf = load('pull-request.yml');
  assert.ok('pull_request' in wf.on);
  const [job] = Object.values(wf.jobs);
  const steps = job!.steps;
  const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
  assert.equal(checkout?.with?.['fetch-depth'], 0);
  assert.equal(String(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']), '20');
  const order = (pattern: RegExp) => steps.findIndex((s) => s.run && pattern.test(s.run));
  const chromium = order(/sudo apt-get update && sudo apt-get install -y chromium/);
  assert.ok(order(/apt-get install -y chromium etcd-server etcd-client/) >= 0, 'npm test needs etcd for the verify handshake test: the workflow installs it');
  const install = order(/^npm ci$/);
  const validate = order(/npm run validate/);
  const tests = order(/npm test/);
  const check = order(/npm run check/);
  const diff = order(/npx certdocs diff origin\/\$\{\{ github\.base_ref \}\} HEAD >> "\$GITHUB_STEP_SUMMARY"/);
  for (const [what, i] of Object.entries({ chromium, install, validate, tests, check, diff })) assert.ok(i >= 0, `no ${what} step`);
  assert.ok(chromium < install && install < validate && validate < tests && tests < check && check < diff, 'steps are out of order');
  // Debian's chromium needs a Debian system: the Ubuntu package is a snap wrapper.
  const image = typeof job!.container === 'string' ? job!.container : job!.container?.image;
  assert.match(image ?? '', /bookworm|debian/);
});

test('publish.yml: on push to main, npm run build, site/ uploaded and deployed to GitHub Pages', () => {
  const wf = load('publish.yml');
  assert.deepEqual((wf.on.push as { branches: string[] }).branches, ['main']);
  assert.equal(wf.permissions?.pages, 'write');
  assert.equal(wf.permissions?.['id-token'], 'write');
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const build = steps.findIndex((s) => s.run && /\bnpm run build\b/.test(s.run));
  const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
  assert.ok(build >= 0 && upload > build, 'build must run before the upload');
  assert.equal(steps[upload]!.with?.path, 'site');
  const deployJob = Object.values(wf.jobs).find((j) => j.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
  assert.ok(deployJob, 'no deploy-pages step');
  assert.ok(deployJob!.needs, 'the deploy job must wait for the build');
  assert.ok(steps.some((s) => s.run === 'npm ci'), 'publish installs with plain `npm ci`, as the README says');
});

test('.ci/run runs the README commands verbatim and exports no variable the README does not mention', () => {
  const ci = readFileSync(path.join(PROJECT_ROOT, '.ci/run'), 'utf8');
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  assert.match(ci, /^npm ci && npm run build$/m);
  assert.match(ci, /^npm test$/m);
  assert.match(readme, /npm ci && npm run build/);
  for (const [, name] of ci.matchAll(/^\s*export\s+([A-Z_][A-Z0-9_]*)/gm)) {
    assert.ok(readme.includes(name!), `.ci/run exports ${name}, which the README never mentions`);
  }
  assert.doesNotMatch(ci, /PUPPETEER_SKIP_DOWNLOAD/);
});

test('the project itself turns off puppeteer\'s browser download (no environment variable needed)', async () => {
  const rc = (await import(path.join(PROJECT_ROOT, '.puppeteerrc.cjs'))) as { default: { skipDownload?: boolean } };
  assert.equal(rc.default.skipDownload, true);
  // What npm runs when it does run puppeteer's install script (npm 10, or a user allowing it), as npm
  // runs it: in the package's folder, with no PUPPETEER_* variable. It must find the project's file
  // and skip; were it to download, it would fail here, where only the package registries answer.
  const script = spawnSync(process.execPath, ['install.mjs'], {
    cwd: path.join(PROJECT_ROOT, 'node_modules/puppeteer'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(script.status, 0, script.stdout + script.stderr);
  assert.match(script.stdout + script.stderr, /Skipping downloading browsers/);
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    allowScripts?: Record<string, boolean>;
    dependencies: Record<string, string>;
  };
  assert.equal(pkg.allowScripts?.puppeteer, false, 'puppeteer\'s install script (a browser download) is denied in allowScripts');
  assert.ok('mermaid' in pkg.dependencies, 'mermaid is imported directly, so it is declared directly');
  assert.ok(!('puppeteer' in pkg.dependencies), 'nothing imports puppeteer (mermaid-cli brings it)');
});
