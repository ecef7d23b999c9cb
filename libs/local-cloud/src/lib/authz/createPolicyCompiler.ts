import {
  compilePolicies,
  type CompiledPolicies,
  type NamedPolicy,
  type PolicyDocument,
} from '@iot-gateway-net/policy';
import type { Principal, Registry } from '../registry/types.js';
import { collectPages } from './collectPages.js';

/** The IoT policies attached to a principal, compiled. */
export interface AttachedPolicies {
  readonly compiled: CompiledPolicies;
  /** Names of the attached policies (empty: the principal is allowed nothing). */
  readonly policyNames: readonly string[];
}

/** Compiles the policies connections are authorized with, caching what connections share. */
export interface PolicyCompiler {
  /**
   * Reads the policies attached to `principal` (certificate ARN or Cognito identity id) and compiles
   * their default versions. Devices of one fleet share one policy set, so compiled sets are cached
   * by policy name and version until {@link PolicyCompiler.invalidate}.
   *
   * @throws {PolicyError} when a stored document does not compile; `LocalCloudError` from the
   *   registry.
   */
  attached(principal: Principal): AttachedPolicies;
  /**
   * Compiles IAM policy documents (a SigV4 identity's), cached per document array.
   *
   * @throws {PolicyError} when a document does not compile.
   */
  documents(documents: readonly PolicyDocument[]): CompiledPolicies;
  /** Forgets every compiled set (call when a policy or its default version changed). */
  invalidate(): void;
}

// Bounds the cache when policies churn (every connection with a distinct policy set adds one).
const MAX_CACHED_SETS = 1024;

/** Creates a {@link PolicyCompiler} reading from `registry`. */
export function createPolicyCompiler(
  registry: Pick<Registry, 'listAttachedPolicies'>,
): PolicyCompiler {
  let bySet = new Map<string, CompiledPolicies>();
  let byDocuments = new WeakMap<readonly PolicyDocument[], CompiledPolicies>();
  return {
    attached(principal) {
      const policies = collectPages((page) => registry.listAttachedPolicies(principal, page));
      const named: NamedPolicy[] = [];
      const keys: string[] = [];
      for (const policy of policies) {
        const version =
          policy.versions.find((v) => v.versionId === policy.defaultVersionId) ??
          policy.versions.find((v) => v.isDefaultVersion);
        if (version === undefined) {
          continue;
        }
        named.push({ name: policy.policyName, document: version.document });
        keys.push(`${policy.policyName}@${version.versionId}@${policy.generationId}`);
      }
      const key = keys.sort().join('\n');
      let compiled = bySet.get(key);
      if (compiled === undefined) {
        compiled = compilePolicies(named);
        if (bySet.size >= MAX_CACHED_SETS) {
          bySet = new Map();
        }
        bySet.set(key, compiled);
      }
      return { compiled, policyNames: named.map((p) => p.name ?? '') };
    },
    documents(documents) {
      let compiled = byDocuments.get(documents);
      if (compiled === undefined) {
        compiled = compilePolicies(documents.map((document) => ({ document })));
        byDocuments.set(documents, compiled);
      }
      return compiled;
    },
    invalidate() {
      bySet = new Map();
      byDocuments = new WeakMap();
    },
  };
}
