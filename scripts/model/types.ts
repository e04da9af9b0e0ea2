/**
 * The data model as it is stored in `data/` (one JSON file per component,
 * per namespace, one actors file and one document file). These types mirror
 * the JSON Schemas in `data/schemas/`; the schemas are the contract for
 * editors, these types are the contract for code.
 */

/** The closed set of flag kinds. Keep in sync with data/schemas/component.schema.json. */
export const FLAG_KINDS = [
  'ca-bundle',
  'serving-cert',
  'serving-key',
  'client-cert',
  'client-key',
  'signing-cert',
  'signing-key',
  'sni-cert-key',
  'token-verifying-keys',
  'token-signing-key',
  'kubeconfig',
  'rotation-toggle',
  'auth-toggle',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Human-readable labels for kinds, used in documents, diagrams and the site. */
export const KIND_LABELS: Record<FlagKind, string> = {
  'ca-bundle': 'CA bundle',
  'serving-cert': 'serving cert',
  'serving-key': 'serving key',
  'client-cert': 'client cert',
  'client-key': 'client key',
  'signing-cert': 'signing cert',
  'signing-key': 'signing key',
  'sni-cert-key': 'SNI cert/key tuples',
  'token-verifying-keys': 'token-verifying public keys',
  'token-signing-key': 'token-signing private key',
  kubeconfig: 'kubeconfig',
  'rotation-toggle': 'rotation toggle',
  'auth-toggle': 'client-auth toggle',
};

/** Kinds that can verify something (appear on the `verifies` side of an edge). */
export const VERIFIER_KINDS: readonly FlagKind[] = ['ca-bundle', 'token-verifying-keys'];
/** Kinds that can be verified (appear on the `verifiedBy` side of an edge). */
export const VERIFIABLE_KINDS: readonly FlagKind[] = [
  'serving-cert',
  'client-cert',
  'signing-cert',
  'sni-cert-key',
  'token-signing-key',
];

/**
 * One side of a must-verify edge, as written on one flag.
 * The same edge is written on both flags (`verifies` on the verifier,
 * `verifiedBy` on the verified flag).
 */
export interface Edge {
  /** The other flag: "<component> <--flag>". */
  ref: string;
  /** When the edge applies, inline markdown; rendered "If <condition>, must …". */
  condition?: string;
  /** Words that qualify the edge, rendered right after the references ("… for all keys you want to continue working"). */
  qualifier?: string;
  /** What breaks when the edge does not hold, inline markdown; rendered "… or <consequence>". May reference flags in backticks. */
  consequence?: string;
}

export interface Rotation {
  /** How long an issued certificate is valid, as documented. */
  validity?: string;
  /** When and how it is refreshed, as documented. */
  refresh?: string;
}

export interface Flag {
  /** The flag, e.g. "--client-ca-file". */
  name: string;
  kind: FlagKind;
  /** What it is for, inline markdown. */
  purpose: string;
  /** The cert or key this flag pairs with: a flag reference. */
  pairsWith?: string;
  verifies?: Edge[];
  verifiedBy?: Edge[];
  /** Flags this one interacts with (flag references). */
  interactsWith?: string[];
  /** Who or what issues it. */
  creation?: string;
  rotation?: Rotation;
  /** The team or operator that owns it. */
  owner?: string;
}

export interface ComponentFile {
  $schema?: string;
  /** The binary, e.g. "kube-apiserver". */
  name: string;
  description?: string;
  flags: Flag[];
}

export interface Resource {
  /** "cm/<name>" or "secret/<name>". */
  name: string;
  /** What it is for beyond the flags it feeds, inline markdown. */
  purpose?: string;
  /** Flags this resource feeds (flag references). */
  feeds?: string[];
  /** Resources this one is an input to: "<namespace> cm/<name>" or, within the same namespace, "cm/<name>". */
  inputTo?: string[];
  /** Actors that produce it. */
  producers?: string[];
  /** Actors that consume it. */
  consumers?: string[];
  creation?: string;
  rotation?: Rotation;
  owner?: string;
}

export interface NamespaceFile {
  $schema?: string;
  namespace: string;
  /** The contract statement for this namespace, markdown. */
  contract?: string;
  resources: Resource[];
}

export interface Actor {
  name: string;
  description?: string;
}

export interface ActorsFile {
  $schema?: string;
  actors: Actor[];
}

/** Where generated content is inserted into the document. */
export type GeneratedBlock = 'components' | 'namespaces' | 'diagrams';

export interface Section {
  /** Heading depth, 1–6. */
  depth: number;
  title: string;
  /** Markdown before any generated content (block-level). */
  body?: string;
  /** Generated content that follows the body, as sub-sections one level deeper. */
  generated?: GeneratedBlock;
  /** For generated components or namespaces: names in the order they appear; unlisted names follow alphabetically. */
  order?: string[];
}

export interface DocumentFile {
  $schema?: string;
  /** Where the document is written, relative to the project root. */
  output?: string;
  /** YAML front matter, as data. */
  frontMatter: Record<string, unknown>;
  sections: Section[];
}

/** Everything in a data folder, as loaded. File paths are relative to the data folder's parent when possible. */
export interface DataSet {
  components: ComponentFile[];
  namespaces: NamespaceFile[];
  actors: ActorsFile;
  document?: DocumentFile;
}
