/**
 * Troubleshooting without a browser: the symptom data behind every must-verify
 * edge, the ranking of real error lines (templates/assets/troubleshoot-rank.js,
 * the same module the page loads), the inspection commands, and the escaping
 * of the ranking data inside its <script> element.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataDir } from '../scripts/load/index.ts';
import { buildModel } from '../scripts/model/model.ts';
import { sourceUrl } from '../scripts/model/materials.ts';
import { symptomEdges, symptomsOf } from '../scripts/model/symptoms.ts';
import { flagCommands, resourceCommands, shellWord } from '../scripts/review/inspect.ts';
import { siteSettings } from '../scripts/site/settings.ts';
import { buildSiteData } from '../scripts/site/site-data.ts';
import { scriptJson } from '../scripts/site/troubleshoot.ts';
import { edgeAnchor, type RankData } from '../scripts/model/symptoms.ts';
import { LINES } from './troubleshoot-lines.ts';
import { detectComponent, rankEdges } from '../templates/assets/troubleshoot-rank.js';

const model = buildModel(loadDataDir('data').files);
const site = buildSiteData(siteSettings({ ...process.env, CERTDOCS_DATA: 'data', CERTDOCS_DIAGRAMS: '/nonexistent' }));
const rank = JSON.parse(site.troubleshoot.rankJson) as RankData[];
const anchor = (verifier: string, verified: string) => edgeAnchor({ verifier, verified });


test('every must-verify edge of data/ says where its failure shows, with sources on every fact', () => {
  assert.ok(model.edges.length > 0);
  for (const e of model.edges) {
    const s = symptomsOf(e);
    assert.ok(s, `${e.verifier} → ${e.verified} has symptoms`);
    assert.ok(s.errors.length && s.sources.length);
    for (const x of s.errors) assert.match(sourceUrl(x.source), /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\/.+/);
  }
  assert.equal(symptomEdges(model).length, model.edges.length);
});

test('the issue’s error texts are documented: x509 unknown authority, expired, bad certificate, Unauthorized', () => {
  for (const text of ['x509: certificate signed by unknown authority', 'remote error: tls: bad certificate', 'x509: certificate has expired or is not yet valid', 'Unauthorized'])
    assert.ok(site.troubleshoot.errorTexts.includes(text), text);
});

for (const { what, line, first } of LINES) {
  test(`ranking: ${what}`, () => {
    const ranked = rankEdges(line, rank);
    assert.ok(ranked.length >= 2, 'several candidates');
    assert.equal(ranked[0]!.id, first);
    assert.ok(ranked[0]!.score > ranked[1]!.score, 'a strict winner');
  });
}

test('ranking: the component the reader names overrides the one read from the line', () => {
  const line = LINES[0]!.line;
  assert.equal(detectComponent(line), 'kubelet');
  // Read as kube-apiserver's log, the same line points at the edges kube-apiserver --client-ca-file checks.
  const asApiserver = rankEdges(line, rank, 'kube-apiserver');
  assert.ok(asApiserver[0]!.id.startsWith(anchor('kube-apiserver --client-ca-file', 'x').replace(/x$/, '')), asApiserver[0]!.id);
  assert.notEqual(asApiserver[0]!.id, LINES[0]!.first);
  assert.deepEqual(rankEdges('nothing documented here', rank), []);
});

test('the ranking data cannot end its <script> element', () => {
  const json = scriptJson([{ text: '</script><script>alert(1)</script><!--', x: '\u2028&' }]);
  assert.doesNotMatch(json, /[<>&\u2028]/);
  assert.deepEqual(JSON.parse(json), [{ text: '</script><script>alert(1)</script><!--', x: '\u2028&' }]);
  assert.doesNotMatch(site.troubleshoot.rankJson, /</);
});

test('inspection commands: oc get … | openssl x509, openssl verify per edge, words quoted for the shell', () => {
  const cm = resourceCommands(model, 'openshift-config-managed cm/kubelet-serving-ca').map((c) => c.command);
  assert.ok(cm.includes("oc get -n openshift-config-managed configmap/kubelet-serving-ca -o jsonpath='{.data.ca-bundle\\.crt}' | openssl x509 -noout -subject -issuer -dates -ext subjectAltName"));
  const secret = resourceCommands(model, 'openshift-config-managed secret/kube-scheduler-client-cert-key').map((c) => c.command);
  assert.ok(secret[0]!.includes("-o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509"));
  const flagRef = 'kube-apiserver --kubelet-certificate-authority';
  const edges = model.edges.filter((e) => e.verifier === flagRef);
  const commands = flagCommands(model, flagRef, edges).map((c) => c.command);
  // The verified side's material: its file on the node, or the object the material lives in (data/materials/).
  // The CA file is the resource that feeds the flag (csr-controller-ca), not cm/kubelet-serving-ca, a published copy.
  assert.ok(commands.includes('openssl verify -CAfile csr-controller-ca.crt /var/lib/kubelet/pki/kubelet-server-current.pem'), commands.join('\n'));
  assert.ok(commands.includes('openssl verify -CAfile csr-controller-ca.crt csr-signer.crt'), commands.join('\n'));
  assert.ok(!commands.some((c) => c.includes('kubelet-serving-ca')), commands.join('\n'));
  // A flag no documented resource feeds: the object its material lives in, with the material's data key.
  const client = flagCommands(model, 'kube-apiserver --kubelet-client-certificate', []).map((c) => c.command);
  assert.ok(client.includes("oc get -n openshift-kube-apiserver secret/kubelet-client -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -subject -issuer -dates -ext subjectAltName"), client.join('\n'));
  assert.equal(shellWord("a'b; rm -rf /"), "'a'\\''b; rm -rf /'");
  assert.equal(shellWord('kube-system'), 'kube-system');
  // Token keys are not certificates: no openssl x509 on them.
  const sa = resourceCommands(model, 'openshift-config-managed cm/sa-token-signing-certs').map((c) => c.command);
  assert.ok(sa.every((c) => !c.includes('openssl')));
});

// certdocs troubleshoot: the same ranking from a terminal.
const { runCli, runCliProcess } = await import('./cli-helpers.ts');

for (const { what, line, first } of LINES) {
  test(`certdocs troubleshoot ranks the right edge first: ${what}`, async () => {
    const json = await runCli(['troubleshoot', line, '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { candidates: Array<{ id: string; rank: number; verifier: string; verified: string; commands: Array<{ command: string }> }> };
    assert.equal(report.candidates[0]!.id, first);
    assert.ok(report.candidates.length <= 3, 'three candidates by default');
    const text = await runCli(['troubleshoot', line]);
    const top = report.candidates[0]!;
    assert.ok(text.stdout.includes(`\n1. ${top.verifier} must be able to verify ${top.verified}\n`), text.stdout.slice(0, 400));
    // Each command once, and the edge's own openssl verify among them when both sides are certificates.
    const commands = top.commands.map((c) => c.command);
    assert.equal(new Set(commands).size, commands.length);
  });
}

test('certdocs troubleshoot: the kubelet line gets the openssl verify of its edge and the material behind both sides', async () => {
  const r = await runCli(['troubleshoot', LINES[0]!.line, '--limit', '1']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Written by: kubelet \(read from the line\)$/m);
  assert.match(r.stdout, /^ {5}material openshift\/client-ca \(CA bundle\) at openshift-kube-apiserver cm\/client-ca$/m);
  // kubelet --client-ca-file is filled from openshift-config-managed cm/kube-apiserver-client-ca (machine-config-operator).
  assert.match(r.stdout, /^ {5}openssl verify -CAfile kube-apiserver-client-ca\.crt kubelet-client\.crt$/m);
  assert.doesNotMatch(r.stdout, /\n2\. /, '--limit 1 shows one candidate');
  // The component the reader names wins over the line's markers.
  const asApiserver = await runCli(['troubleshoot', LINES[0]!.line, '--component', 'kube-apiserver', '--format', 'json']);
  assert.notEqual((JSON.parse(asApiserver.stdout) as { candidates: Array<{ id: string }> }).candidates[0]!.id, LINES[0]!.first);
});

test('certdocs troubleshoot: pasted control characters are shown, never sent to the terminal; nothing matched exits 1 with the known texts', async () => {
  const hostile = 'x509: certificate has expired or is not yet valid \u001b[2J\u001b]0;owned\u0007 \u202egnp.exe';
  const r = await runCli(['troubleshoot', hostile]);
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.ok(r.stdout.includes('\\x1b[2J\\x1b]0;owned\\x07 \\u202egnp.exe'));
  const none = await runCli(['troubleshoot', 'connection refused']);
  assert.equal(none.status, 1);
  assert.match(none.stdout, /^No documented error text is in this line\./m);
  assert.match(none.stdout, /^ {2}x509: certificate signed by unknown authority$/m);
});

test('certdocs troubleshoot: usage errors exit 2 with one line', async () => {
  for (const args of [[], ['   '], ['x509', '--limit', '0'], ['x509', '--component', 'kubelt'], ['x509', '--format', 'yaml']]) {
    const r = await runCli(['troubleshoot', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^certdocs troubleshoot: /);
  }
});

test('certdocs troubleshoot - reads the line from standard input (the executable)', () => {
  const r = runCliProcess(['troubleshoot', '-', '--limit', '1'], { input: `${LINES[1]!.line}\n`, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1\. kube-apiserver --kubelet-certificate-authority must be able to verify kubelet --tls-cert-file$/m);
});

test('certdocs troubleshoot with a log: each line ranked on its own, edges counted by the lines that rank them first', async () => {
  const log = ['I1203 07:21:24.000001 2187 kubelet.go:100] "Started kubelet"', LINES[0]!.line, '', LINES[1]!.line, 'W1203 a warning that documents nothing', LINES[0]!.line.replace('SN=4432', 'SN=4433'), LINES[2]!.line].join('\n');
  const json = await runCli(['troubleshoot', log, '--format', 'json', '--limit', '9']);
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout) as { lines: number; matchedLines: number; total: number; edges: Array<{ lines: number; example: string; candidate: { id: string; rank: number } }> };
  assert.equal(report.lines, 6, 'blank lines are not counted');
  assert.equal(report.matchedLines, 4);
  // The kubelet's edge is first with two lines; each other line gets its own first edge (read alone, not mixed with the kubelet's markers).
  assert.deepEqual(
    report.edges.map((e) => [e.candidate.id, e.lines]),
    [[LINES[0]!.first, 2], [LINES[1]!.first, 1], [LINES[2]!.first, 1]],
  );
  assert.equal(report.edges[0]!.example, LINES[0]!.line);
  assert.deepEqual(report.edges.map((e) => e.candidate.rank), [1, 2, 3]);
  const text = await runCli(['troubleshoot', log, '--limit', '1']);
  assert.match(text.stdout, /^Log: 6 lines, 4 with a documented error text\.$/m);
  assert.match(text.stdout, /^1\. kubelet --client-ca-file must be able to verify kube-apiserver --kubelet-client-certificate: 2 lines, first:$/m);
  assert.match(text.stdout, /--limit shows more/);
  const quiet = await runCli(['troubleshoot', 'line one\nline two']);
  assert.equal(quiet.status, 1);
  assert.match(quiet.stdout, /^No documented error text is in any of these lines\./m);
});

test('name mismatches (Go HostnameError) lead to the edge whose client checked the name', () => {
  const kubelet = 'Error from server: Get "https://10.0.128.4:10250/containerLogs/openshift-etcd/etcd-master-0/etcd": tls: failed to verify certificate: x509: cannot validate certificate for 10.0.128.4 because it doesn\'t contain any IP SANs';
  assert.equal(rankEdges(kubelet, rank)[0]!.id, anchor('kube-apiserver --kubelet-certificate-authority', 'kubelet --tls-cert-file'));
  const kcm = 'kube-controller-manager E1203 10:00:00.000000 1 reflector.go:158] failed to list *v1.Pod: Get "https://api-int.c.example.com:6443/api/v1/pods": tls: failed to verify certificate: x509: certificate is valid for localhost, not api-int.c.example.com';
  assert.deepEqual(
    rankEdges(kcm, rank).slice(0, 2).map((c) => c.id),
    [anchor('kube-controller-manager --kubeconfig', 'kube-apiserver --tls-cert-file'), anchor('kube-controller-manager --kubeconfig', 'kube-apiserver --tls-sni-cert-key')],
  );
  // Only clients that check a server's name document these texts: never a client-certificate edge.
  for (const r of rank)
    if (r.errors.some((e) => e.text.startsWith('x509: certificate is valid for')))
      assert.ok(['serving-cert', 'sni-cert-key'].includes(model.flags.get(model.edges.find((e) => edgeAnchor(e) === r.id)!.verified)!.data.kind), r.id);
});

test('a Go TLS server names the reason in its alert (Go 1.21+): kube-apiserver\'s etcd client error leads to etcd\'s client-certificate edge', () => {
  const line = 'kube-apiserver W1203 10:00:00.000000 1 logging.go:55] [core] [Channel #5 SubChannel #6]grpc: addrConn.createTransport failed to connect to {Addr: "10.0.0.3:2379", ServerName: "10.0.0.3:2379", }. Err: connection error: desc = "transport: authentication handshake failed: remote error: tls: unknown certificate authority"';
  assert.equal(rankEdges(line, rank)[0]!.id, anchor('etcd --trusted-ca-file', 'kube-apiserver --etcd-certfile'));
  assert.equal(rankEdges(line.replace('unknown certificate authority', 'expired certificate'), rank)[0]!.id, anchor('etcd --trusted-ca-file', 'kube-apiserver --etcd-certfile'));
  // A Go TLS client always sends "bad certificate"; only servers that verify client certificates in the handshake send the specific alerts.
  for (const e of model.edges) {
    const texts = (symptomsOf(e)?.errors ?? []).map((x) => x.text);
    if (texts.some((t) => t === 'remote error: tls: unknown certificate authority' || t === 'remote error: tls: expired certificate'))
      assert.equal(model.flags.get(e.verifier)!.component, 'etcd', edgeAnchor(e));
  }
});
