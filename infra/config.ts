import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/** Deployment settings read from CDK context (cdk.json, or `-c key=value` on the command line). */
export interface RegistryConfig {
  /** Browser origins the HTTP API answers CORS for; empty: no CORS at all. */
  readonly corsOrigins: readonly string[];
  /** Default stage throttling (requests per second, steady and burst). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Retention of the function and access log groups. */
  readonly logRetention: RetentionDays;
  /**
   * Prefix of the user pool's Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`, where
   * the web app signs in); absent: one derived from the stack's id (infra/constructs/auth.ts).
   */
  readonly cognitoDomainPrefix?: string;
}

export const CONTEXT_KEYS = {
  corsOrigins: 'registry:corsOrigins',
  throttle: 'registry:throttle',
  logRetentionDays: 'registry:logRetentionDays',
  cognitoDomainPrefix: 'registry:cognitoDomainPrefix',
} as const;

/*
 * `-c key=value` arrives as a string, cdk.json as JSON, so both are accepted: a list as a JSON
 * array or a comma list, an object as JSON.
 */
const fromJsonString = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text.startsWith('[') || text.startsWith('{') ? (JSON.parse(text) as unknown) : text;
};

const stringList = (key: string, raw: unknown): string[] => {
  const value = fromJsonString(raw);
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  throw new Error(`context ${key} must be a list of origins, got ${JSON.stringify(raw)}`);
};

const positive = (key: string, value: unknown): number => {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw new Error(`context ${key} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return n;
};

const origin = (key: string, value: string): string => {
  // API Gateway matches origins exactly: scheme, host and port, no path and no trailing slash.
  if (!/^https?:\/\/[^/\s]+$/.test(value)) throw new Error(`context ${key}: ${value} is not an origin (scheme://host[:port])`);
  return value;
};

/*
 * Cognito's rules for a prefix domain: lower-case letters, digits and inner hyphens, at most 63
 * characters, and none of the reserved words. The prefix is global per region, so a taken one
 * fails the deploy, not the synth.
 */
const domainPrefix = (key: string, value: unknown): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)) {
    throw new Error(`context ${key} must be lower-case letters, digits and inner hyphens (at most 63), got ${JSON.stringify(value)}`);
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => value.includes(word));
  if (reserved) throw new Error(`context ${key}: Cognito reserves "${reserved}" in domain prefixes`);
  return value;
};

const RETENTIONS: readonly number[] = Object.values(RetentionDays).filter((v) => typeof v === 'number');

const retention = (key: string, value: unknown): RetentionDays => {
  const days = positive(key, value);
  if (!RETENTIONS.includes(days)) throw new Error(`context ${key}: CloudWatch Logs offers ${RETENTIONS.join(', ')} days`);
  return days as RetentionDays; // checked above to be one of the enum's values
};

export const readConfig = (node: Node): RegistryConfig => {
  const throttle = fromJsonString(node.tryGetContext(CONTEXT_KEYS.throttle)) ?? {};
  if (typeof throttle !== 'object' || throttle === null) throw new Error(`context ${CONTEXT_KEYS.throttle} must be an object`);
  const { rateLimit = 50, burstLimit = 100 } = throttle as { rateLimit?: unknown; burstLimit?: unknown }; // narrowed below
  return {
    corsOrigins: stringList(CONTEXT_KEYS.corsOrigins, node.tryGetContext(CONTEXT_KEYS.corsOrigins)).map((o) =>
      origin(CONTEXT_KEYS.corsOrigins, o),
    ),
    throttle: {
      rateLimit: positive(`${CONTEXT_KEYS.throttle}.rateLimit`, rateLimit),
      burstLimit: positive(`${CONTEXT_KEYS.throttle}.burstLimit`, burstLimit),
    },
    logRetention: retention(CONTEXT_KEYS.logRetentionDays, node.tryGetContext(CONTEXT_KEYS.logRetentionDays) ?? 90),
    cognitoDomainPrefix: domainPrefix(CONTEXT_KEYS.cognitoDomainPrefix, node.tryGetContext(CONTEXT_KEYS.cognitoDomainPrefix)),
  };
};
