import { readKubeadm, KUBEADM_DEFAULTS } from '../../verify/kubeadm.ts';
import { readOpenShift } from '../../verify/openshift.ts';
import { runChecks } from '../../verify/checks.ts';
import { exitCodeOf, render } from '../../verify/report.ts';
import { loadModel, warnProblems } from '../../review/load-model.ts';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'verify',
  summary: "Check a cluster's real certificates against every documented edge",
  help: `Usage: certdocs verify [--root DIR] [--manifests DIR] [--kubelet-config FILE] [--kubeconfig FILE]...
                       [--at TIME] [--warn DAYS] [--format text|json|junit] [--data DIR]
       certdocs verify --openshift PATH [--openshift PATH]... [--at TIME] [--warn DAYS] [--format ...]

Reads a cluster's certificate material and checks every documented
must-verify edge whose two sides were found: the verifier's CA bundle builds
a chain to the certificate (through intermediates in the bundle or the
certificate file; signatures; validity at --at), each cert matches the key it
pairs with, serving certs carry serverAuth and client certs clientAuth,
signing certs are CAs with keyCertSign, serving certs carry the names the
edge needs (kubernetes.default.svc; the hosts of kube-apiserver
--etcd-servers), expiry, and the documented validity.

kubeadm layout (the default): static pod manifests, the kubelet's config
file and kubeconfigs. Every path, including those inside the files, is read
under --root, so a copied node filesystem works; a path or symbolic link
leading outside --root is refused.

OpenShift: dumps of ConfigMaps and Secrets ('oc get cm,secret -n NS -o yaml'
or '-o json', Lists or single objects, or a must-gather directory). Resources
map to flags through their documented 'feeds'. Redacted secrets are reported
as not checkable.

Options:
  --root DIR             the node's filesystem root (default: /)
  --manifests DIR        static pod manifests (default: ${KUBEADM_DEFAULTS.manifests})
  --kubelet-config FILE  kubelet config file (default: ${KUBEADM_DEFAULTS.kubeletConfig}); the
                         kubelet's --kubeconfig is read from kubeadm's drop-in 10-kubeadm.conf
  --kubeconfig FILE      a kubeconfig no flag names, checked on its own; repeatable
                         (default: ${KUBEADM_DEFAULTS.kubeconfigs.join(', ')})
  --openshift PATH       a ConfigMap/Secret dump file or directory; repeatable
  --at TIME              check validity at this time (ISO 8601; default: now)
  --warn DAYS            warn about certificates expiring within DAYS (default: 30)
  --format text|json|junit
                         text: grouped by component, broken first (default);
                         json: every check; junit: one test case per check, for CI
  --data DIR             data folder (default: data)

Each finding names both flags, the files or resources, what failed, the
documented consequence and an openssl command that shows the same. Private
key material is never printed. Flags in manifests whose values are files
but which data/ does not document are listed as "undocumented".

Exit status: 0 every checkable edge holds, 1 an edge or certificate is
broken, 2 usage error or unreadable input.
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      data: { type: 'string' },
      root: { type: 'string' },
      manifests: { type: 'string' },
      'kubelet-config': { type: 'string' },
      kubeconfig: { type: 'string', multiple: true },
      openshift: { type: 'string', multiple: true },
      at: { type: 'string' },
      warn: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; see 'certdocs verify --help'`);
    const format = oneOf(values.format, ['text', 'json', 'junit'] as const, '--format', 'text');
    const at = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be a time such as 2026-01-31T12:00:00Z (got ${JSON.stringify(values.at)})`);
    const warnDays = values.warn === undefined ? 30 : Number(values.warn);
    if (!Number.isFinite(warnDays) || warnDays < 0) throw new UsageError(`--warn must be a number of days (got ${JSON.stringify(values.warn)})`);
    if (values.openshift && (values.root || values.manifests || values['kubelet-config'] || values.kubeconfig))
      throw new UsageError('--openshift reads dumps; it cannot be combined with --root, --manifests, --kubelet-config or --kubeconfig');
    const dir = values.data ?? 'data';
    const { model, problems } = loadModel(dir);
    warnProblems(dir, problems, io.stderr);
    const layout = values.openshift
      ? readOpenShift(model, values.openshift)
      : readKubeadm(model, {
          root: values.root ?? '/',
          manifests: values.manifests ?? KUBEADM_DEFAULTS.manifests,
          kubeletConfig: values['kubelet-config'] ?? KUBEADM_DEFAULTS.kubeletConfig,
          kubeconfigs: values.kubeconfig ?? KUBEADM_DEFAULTS.kubeconfigs,
        });
    const result = runChecks(model, layout, { at, warnDays });
    io.stdout(render(result, format));
    return exitCodeOf(result);
  },
};
