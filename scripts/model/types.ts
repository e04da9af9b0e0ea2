/**
 * The data model as it is stored in `data/` (one JSON file per component,
 * per namespace and per distribution's material, one actors file and one
 * document file). The interfaces are generated from the JSON Schemas in
 * `data/schemas/` (scripts/model/schema-types.ts, `npm run types`): the
 * schemas are the one source of the data's shape. This module adds what the
 * schemas cannot say: labels for people, which kinds verify, and the data set.
 */
import {
  CREATION_MECHANISM_VALUES,
  FLAG_KIND_VALUES,
  MATERIAL_TYPE_VALUES,
  type FlagKind,
  type MaterialGapField,
  type MaterialType,
} from './schema-types.ts';
import type { ActorsFile, ComponentFile, DocumentFile, MaterialsFile, NamespaceFile } from './schema-types.ts';

export type {
  Actor,
  ActorsFile,
  ComponentFile,
  CreationMechanism,
  DocumentFile,
  Edge,
  Flag,
  FlagKind,
  GeneratedBlock,
  Material,
  MaterialFeed,
  MaterialLocation,
  MaterialsFile,
  MaterialType,
  NamespaceFile,
  Resource,
  Rotation,
  Section,
  Source,
  SymptomError,
  Symptoms,
  VerifierEdge,
} from './schema-types.ts';

/** The closed set of flag kinds, from component.schema.json. */
export const FLAG_KINDS = FLAG_KIND_VALUES;

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
  'cert-directory': 'certificate directory',
  'rotation-toggle': 'rotation toggle',
  'auth-toggle': 'client-auth toggle',
};

/** Kinds that can verify something (appear on the `verifies` side of an edge). A kubeconfig verifies with its CA and is verified through its client certificate. */
export const VERIFIER_KINDS: readonly FlagKind[] = ['ca-bundle', 'token-verifying-keys', 'kubeconfig'];
/** Kinds that can be verified (appear on the `verifiedBy` side of an edge). */
export const VERIFIABLE_KINDS: readonly FlagKind[] = [
  'serving-cert',
  'client-cert',
  'signing-cert',
  'sni-cert-key',
  'token-signing-key',
  'kubeconfig',
];

/** The closed set of material types, from materials.schema.json. */
export const MATERIAL_TYPES = MATERIAL_TYPE_VALUES;

export const MATERIAL_TYPE_LABELS: Record<MaterialType, string> = {
  signer: 'signer',
  'ca-bundle': 'CA bundle',
  'cert-key': 'cert/key pair',
  'key-pair': 'key pair',
  token: 'token',
};

export const CREATION_MECHANISMS = CREATION_MECHANISM_VALUES;

/** The fields of a material that are facts and must carry a source. */
export const MATERIAL_FACT_FIELDS = ['signedBy', 'combines', 'createdBy', 'validity', 'refresh', 'regeneration', 'owner'] as const;
/** A fact a material can record as looked for and not found. */
export type MaterialFactField = MaterialGapField;

/** Everything in a data folder, as loaded. File paths are relative to the data folder's parent when possible. */
export interface DataSet {
  components: ComponentFile[];
  namespaces: NamespaceFile[];
  actors: ActorsFile;
  document?: DocumentFile;
  /** Certificate material per distribution (materials/<distribution>.json). */
  materials?: MaterialsFile[];
}
