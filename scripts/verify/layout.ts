/** What a reader of cluster material hands to the checks. */
import type { Material, Materials } from './material.ts';

/** A flag found in a manifest whose value is a file, but which data/ does not document. */
export interface Undocumented {
  flag: string;
  value: string;
  setIn: string;
}

export interface Layout {
  /** Documented flag → what was found for it. */
  materials: Materials;
  undocumented: Undocumented[];
  /** Every flag value found, documented or not, by component (e.g. kube-apiserver --etcd-servers). */
  args: Map<string, Map<string, string[]>>;
  /** Components whose configuration was read: an edge of another component is not checkable. */
  components: string[];
  /** Kubeconfigs that no documented flag names (admin.conf, kubelet.conf), checked on their own. */
  kubeconfigs: Material[];
  /** Documented validity by flag for this layout's distribution, over the flag's own rotation.validity. */
  validity?: Map<string, string>;
}
