/**
 * Render benchmark (a script, not a test): prints
 *   1. the cold time from data to ALL SVGs through certdocs' renderer, as
 *      `certdocs generate` does it: the browser launch and the warm pages (one
 *      per core, Mermaid loaded once each) start first and run in parallel with
 *      loading, validating and building the diagrams (fresh cache); the
 *      browser's shutdown, which generate overlaps with writing, is timed apart;
 *   2. for comparison, mermaid-cli's renderMermaid() sharing that one browser
 *      (a new page and a fresh Mermaid load per diagram), on a sample;
 *   3. the baseline: the per-diagram `mmdc` CLI (one process and one browser
 *      per diagram), timed on a sample of N diagrams and extrapolated;
 *   4. the warm rebuild: `certdocs generate` with unchanged data and a hot
 *      cache, end to end as a child process (node start included).
 *
 * Env: BENCH_MMDC_SAMPLE (default 3) diagrams for mmdc; BENCH_WARM_RUNS (default 3).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDiagrams, type Diagram } from '../generate/diagrams.ts';
import { BROWSER_ARGS, ensureBrowser, launchBrowser, loadPuppeteer, type Launcher } from '../render/browser.ts';
import { setImmediate } from 'node:timers/promises';
import { MERMAID_CONFIG, VIEWPORT, mermaidVersion } from '../render/config.ts';
import { renderDiagrams, startRenderSession } from '../render/index.ts';
import { validateDataDir } from '../validate/index.ts';
import { buildModel, filesFromDataSet, type Model } from '../model/model.ts';
import { stringifyData } from '../lib/json.ts';
import { writeDataDir } from '../import/write.ts';
import type { ComponentFile, DataSet, Flag } from '../model/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A synthetic data set of about the real size, used only when data/ is not there or not valid. */
function syntheticDataSet(): DataSet {
  const components: ComponentFile[] = ['kube-apiserver', 'kube-controller-manager', 'kubelet', 'kube-scheduler', 'etcd'].map((name) => ({
    $schema: '../schemas/component.schema.json',
    name,
    flags: [] as Flag[],
  }));
  const [kas, kcm, kubelet, sched, etcd] = components as [ComponentFile, ComponentFile, ComponentFile, ComponentFile, ComponentFile];
  const edge = (verifier: [ComponentFile, Flag], verified: [ComponentFile, Flag]) => {
    (verifier[1].verifies ??= []).push({ ref: `${verified[0].name} ${verified[1].name}` });
    (verified[1].verifiedBy ??= []).push({ ref: `${verifier[0].name} ${verifier[1].name}` });
  };
  const flag = (c: ComponentFile, name: string, kind: Flag['kind']): [ComponentFile, Flag] => {
    const f: Flag = { name, kind, purpose: `${kind} ${name} of ${c.name}.` };
    c.flags.push(f);
    return [c, f];
  };
  const clientCa = flag(kas, '--client-ca-file', 'ca-bundle');
  const kubeletCa = flag(kas, '--kubelet-certificate-authority', 'ca-bundle');
  const etcdCa = flag(kas, '--etcd-cafile', 'ca-bundle');
  const etcdCert = flag(kas, '--etcd-certfile', 'client-cert');
  flag(kas, '--etcd-keyfile', 'client-key');
  const kasServing = flag(kas, '--tls-cert-file', 'serving-cert');
  flag(kas, '--tls-private-key-file', 'serving-key');
  const kasKubeletClient = flag(kas, '--kubelet-client-certificate', 'client-cert');
  const saKeys = flag(kas, '--service-account-key-file', 'token-verifying-keys');
  const signer = flag(kcm, '--cluster-signing-cert-file', 'signing-cert');
  flag(kcm, '--cluster-signing-key-file', 'signing-key');
  const rootCa = flag(kcm, '--root-ca-file', 'ca-bundle');
  const saPriv = flag(kcm, '--service-account-private-key-file', 'token-signing-key');
  flag(kcm, '--kubeconfig', 'kubeconfig');
  const kubeletClientCa = flag(kubelet, '--client-ca-file', 'ca-bundle');
  const kubeletServing = flag(kubelet, '--tls-cert-file', 'serving-cert');
  flag(kubelet, '--rotate-certificates', 'rotation-toggle');
  flag(sched, '--kubeconfig', 'kubeconfig');
  const schedCa = flag(sched, '--client-ca-file', 'ca-bundle');
  const etcdClientCa = flag(etcd, '--trusted-ca-file', 'ca-bundle');
  const etcdServing = flag(etcd, '--cert-file', 'serving-cert');
  edge(clientCa, signer);
  edge(kubeletCa, signer);
  edge(kubeletCa, kubeletServing);
  edge(kubeletClientCa, kasKubeletClient);
  edge(saKeys, saPriv);
  edge(rootCa, kasServing);
  edge(etcdCa, etcdServing);
  edge(etcdClientCa, etcdCert);
  edge(schedCa, signer);
  return {
    components,
    namespaces: [
      {
        $schema: '../schemas/namespace.schema.json',
        namespace: 'openshift-config-managed',
        resources: [
          { name: 'cm/csr-controller-ca', feeds: ['kube-apiserver --kubelet-certificate-authority'], inputTo: ['cm/kube-apiserver-client-ca'], producers: ['kube-controller-manager-operator'] },
          { name: 'cm/kube-apiserver-client-ca', feeds: ['kube-apiserver --client-ca-file'], producers: ['kube-apiserver-operator'] },
        ],
      },
    ],
    actors: { $schema: './schemas/actors.schema.json', actors: [{ name: 'kube-apiserver-operator' }, { name: 'kube-controller-manager-operator' }] },
    document: {
      $schema: './schemas/document.schema.json',
      frontMatter: { title: 'bench' },
      sections: [
        { depth: 1, title: 'Bench' },
        { depth: 2, title: 'Flags', generated: 'components' },
        { depth: 2, title: 'Resources', generated: 'namespaces' },
        { depth: 2, title: 'Diagrams', generated: 'diagrams' },
      ],
    },
  };
}

/** The data to bench with: the project's data/ when it is valid, else a synthetic set written to `tmp`. */
function benchData(tmp: string): { dir: string; model: Model; label: string } {
  const real = path.join(ROOT, 'data');
  if (existsSync(path.join(real, 'components'))) {
    const { problems, model } = validateDataDir(real);
    if (!problems.length && model && model.components.length) return { dir: real, model, label: 'data/ (the project data)' };
    if (problems.length) process.stdout.write(`note: data/ has ${problems.length} problems; benching a synthetic data set instead\n`);
  }
  const dir = path.join(tmp, 'data');
  const ds = syntheticDataSet();
  writeDataDir(ds, dir);
  return { dir, model: buildModel(filesFromDataSet(ds)), label: 'a synthetic data set (data/ is empty)' };
}

/**
 * CPU time (ms) of this process plus its waited-for children (Linux /proc):
 * the browser and mmdc processes are counted once they have exited. Unlike
 * wall time it hardly depends on what else the machine is doing.
 */
function cpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}
const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

/** An evenly spread sample of n diagrams. */
function sample(diagrams: Diagram[], n: number): Diagram[] {
  if (n >= diagrams.length) return diagrams;
  return Array.from({ length: n }, (_, i) => diagrams[Math.floor((i * diagrams.length) / n)]!);
}

export async function benchRender(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-bench-'));
  try {
    const executablePath = ensureBrowser();
    const data = benchData(tmp);
    const diagrams = buildDiagrams(data.model);
    const n = Math.max(1, Number(process.env.BENCH_MMDC_SAMPLE ?? 3));
    const picked = sample(diagrams, n);
    process.stdout.write(
      `render bench: ${diagrams.length} diagrams from ${data.label}; mermaid ${mermaidVersion()}; browser ${executablePath}; ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]!.toFixed(1)}\n`,
    );

    // 1. certdocs, cold, as `certdocs generate` does it: fresh cache; the browser is launched (and its
    //    pages load Mermaid) at the start, while the data is loaded, validated and turned into diagrams.
    const out = path.join(tmp, 'out');
    const cacheDir = path.join(out, '.cache', 'svg');
    let launchMs = 0;
    let launchedAt = 0;
    const timedLaunch: Launcher = async () => {
      const t = performance.now();
      const browser = await launchBrowser(executablePath);
      launchMs = performance.now() - t;
      launchedAt = performance.now();
      return { browser, release: () => browser.close() };
    };
    await loadPuppeteer();
    const t0 = performance.now();
    const c0 = cpuMs();
    const session = startRenderSession({ launch: timedLaunch });
    await setImmediate();
    const loaded = validateDataDir(data.dir);
    if (!loaded.model || loaded.problems.length) throw new Error(`${data.dir} does not validate`);
    const coldDiagrams = buildDiagrams(loaded.model);
    const diagramsAt = performance.now();
    const cold = await renderDiagrams(coldDiagrams, { cacheDir, session });
    const ours = performance.now() - t0;
    // As in `certdocs generate`, the browser shuts down while the outputs are written; timed apart.
    await cold.closed;
    const closeMs = performance.now() - t0 - ours;
    const oursCpu = cpuMs() - c0;
    if (cold.rendered.length !== diagrams.length) throw new Error('the cold render used a cache');
    const renderMs = ours - (Math.max(diagramsAt, launchedAt) - t0);
    process.stdout.write(
      `  certdocs, cold (data → ${diagrams.length} SVGs: load + validate + diagrams in parallel with the browser launch, then warm pages (one per core), mermaid.render): ` +
        `${seconds(ours)}; data and diagrams ready after ${seconds(diagramsAt - t0)}, browser after ${seconds(launchMs)}; ` +
        `${(renderMs / diagrams.length) | 0} ms per diagram after both; CPU ${seconds(oursCpu)} (browser included once it exited, ${seconds(closeMs)} after the last SVG)\n`,
    );

    // 2. mermaid-cli's renderMermaid() with one shared browser (new page + Mermaid load per call), on the sample.
    const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
    const shared = await launchBrowser(executablePath);
    let perPageMs = 0;
    try {
      const t = performance.now();
      for (const d of picked) {
        await renderMermaid(shared as unknown as Parameters<typeof renderMermaid>[0], d.source, 'svg', {
          mermaidConfig: MERMAID_CONFIG as unknown as Record<string, unknown>,
          viewport: VIEWPORT,
        });
      }
      perPageMs = (performance.now() - t) / picked.length;
    } finally {
      await shared.close();
    }
    process.stdout.write(
      `  mermaid-cli renderMermaid() in one shared browser (page per diagram): ${perPageMs | 0} ms per diagram on ${picked.length} → ` +
        `~${seconds(perPageMs * diagrams.length)} for all (not launch-inclusive); the warm page is ${(perPageMs / (renderMs / diagrams.length)).toFixed(1)}× faster per diagram\n`,
    );

    // 3. Baseline: the mmdc CLI, one process per diagram, on a sample, extrapolated.
    const mmdc = path.join(ROOT, 'node_modules', '.bin', 'mmdc');
    const config = path.join(tmp, 'puppeteer-config.json');
    writeFileSync(config, JSON.stringify({ executablePath, args: BROWSER_ARGS }));
    const mmdcDir = path.join(tmp, 'mmdc');
    mkdirSync(mmdcDir);
    const times: number[] = [];
    const c1 = cpuMs();
    for (const d of picked) {
      const input = path.join(mmdcDir, `${d.id}.mmd`);
      writeFileSync(input, d.source);
      const t = performance.now();
      const r = spawnSync(mmdc, ['-p', config, '-i', input, '-o', path.join(mmdcDir, `${d.id}.svg`), '-q'], { encoding: 'utf8' });
      times.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`mmdc failed on ${d.id}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    }
    const mmdcCpu = ((cpuMs() - c1) / picked.length) * diagrams.length;
    const perMmdc = times.reduce((a, b) => a + b, 0) / times.length;
    const extrapolated = perMmdc * diagrams.length;
    process.stdout.write(
      `  baseline: mmdc CLI (@mermaid-js/mermaid-cli, one process + browser per diagram): ${seconds(perMmdc)} per diagram ` +
        `(measured on ${picked.length} of ${diagrams.length}: ${times.map((t) => seconds(t)).join(', ')}), extrapolated ${seconds(extrapolated)} for all; CPU ~${seconds(mmdcCpu)} extrapolated\n`,
    );
    process.stdout.write(
      `  → cold render ${(extrapolated / ours).toFixed(1)}× faster than per-diagram mmdc in wall time (target ≥ 20×); ` +
        `${(mmdcCpu / oursCpu).toFixed(1)}× less CPU (load-independent)\n`,
    );

    // 4. Warm rebuilds: `certdocs generate` end to end as a child process (node start included), cache hot from step 1.
    const dataCopy = path.join(tmp, 'data-copy');
    cpSync(data.dir, dataCopy, { recursive: true });
    const cli = path.join(ROOT, 'bin', 'certdocs.mjs');
    const args = [cli, 'generate', '--data', dataCopy, '--out', out];
    const generate = (): { ms: number; said: string } => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`generate failed: ${r.stderr.trim()}`);
      return { ms, said: r.stderr.trim().split('\n').pop() ?? '' };
    };
    const first = generate();
    if (!/ 0 rendered/.test(first.said)) throw new Error(`expected every SVG from the cache: ${first.said}`);
    const runs = Math.max(1, Number(process.env.BENCH_WARM_RUNS ?? 3));
    const noop = Array.from({ length: runs }, generate);
    process.stdout.write(
      `  warm rebuild, unchanged data (node bin/certdocs.mjs generate, process start included): median ${seconds(median(noop.map((r) => r.ms)))} ` +
        `of ${runs} (${noop.map((r) => seconds(r.ms)).join(', ')}; target < 2 s)\n    it said: ${noop[noop.length - 1]!.said}\n`,
    );
    // The same after editing one purpose: the full pipeline runs (validate, model, markdown, diagrams), SVGs still cached.
    const component = readdirSync(path.join(dataCopy, 'components')).filter((f) => f.endsWith('.json')).sort()[0];
    const edited: Array<{ ms: number; said: string }> = [];
    if (component) {
      const file = path.join(dataCopy, 'components', component);
      const original = JSON.parse(readFileSync(file, 'utf8')) as ComponentFile;
      for (let i = 0; i < runs; i++) {
        const copy = structuredClone(original);
        if (copy.flags[0]) copy.flags[0].purpose = `${copy.flags[0].purpose} (bench edit ${i + 1})`;
        writeFileSync(file, stringifyData(copy));
        edited.push(generate());
      }
      process.stdout.write(
        `  warm rebuild after editing one purpose (full pipeline, SVGs from cache): median ${seconds(median(edited.map((r) => r.ms)))} ` +
          `of ${runs} (${edited.map((r) => seconds(r.ms)).join(', ')})\n    it said: ${edited[edited.length - 1]!.said}\n`,
      );
    }
    const svgCount = diagrams.filter((d) => existsSync(path.join(out, 'site', 'diagrams', `${d.id}.svg`))).length;
    process.stdout.write(`  ${svgCount} of ${diagrams.length} SVGs in place after the rebuilds\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
