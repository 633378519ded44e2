import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * SPEC §5.7: SHA-256 (lowercase hex) of the RFC 8785 (JCS) canonical JSON of the rule exactly as
 * stored. `canonicalize` is the RFC's reference implementation (sorted keys, ECMAScript number
 * serialisation, no whitespace).
 */
export const contentHash = (rule: unknown): string => {
  const canonical = canonicalize(rule);
  if (canonical === undefined) throw new TypeError('a rule must be JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};
