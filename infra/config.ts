import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { FUNCTION_GROUPS, type FunctionGroup } from '../functions/routes.js';

/** Requests per second, steady and burst. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Defaults of the per-group limits; context may override each group. */
export const DEFAULT_ROUTE_THROTTLES: Readonly<Partial<Record<FunctionGroup, Throttle>>> = {
  engine: { rateLimit: 10, burstLimit: 20 },
  interop: { rateLimit: 20, burstLimit: 40 },
  // Saving a plan runs an eligibility answer and writes an item kept for a year, without an account.
  plans: { rateLimit: 10, burstLimit: 20 },
};
export const DEFAULT_RESERVED_CONCURRENCY: Readonly<Partial<Record<FunctionGroup, number>>> = {
  engine: 20,
  interop: 10,
};

/** Deployment settings read from CDK context (cdk.json, or `-c key=value` on the command line). */
export interface RegistryConfig {
  /** Browser origins the HTTP API answers CORS for; empty: no CORS at all. */
  readonly corsOrigins: readonly string[];
  /** Default stage throttling (requests per second, steady and burst). */
  readonly throttle: Throttle;
  /** Retention of the function and access log groups. */
  readonly logRetention: RetentionDays;
  /**
   * Throttles of the routes of a function group, tighter than the stage's (requests per second):
   * the engine's searches run up to 10 s at 1 GB, so one caller must not take all of them.
   */
  readonly routeThrottles: Readonly<Partial<Record<FunctionGroup, Throttle>>>;
  /**
   * Concurrent executions reserved for (and capping) a group's function: a flood of engine or
   * interop calls then neither exhausts the account's concurrency nor starves the other functions.
   */
  readonly reservedConcurrency: Readonly<Partial<Record<FunctionGroup, number>>>;
  /**
   * ARN of a CloudFront-scoped AWS WAF web ACL (from the `AllianceRegistryEdge` stack, which must
   * live in us-east-1) for the distribution; absent: the distribution has none.
   */
  readonly webAclArn?: string;
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
  routeThrottles: 'registry:routeThrottles',
  reservedConcurrency: 'registry:reservedConcurrency',
  webAclArn: 'registry:webAclArn',
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
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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
  if (!/^https?:\/\/[^/\s]+$/.test(value))
    throw new Error(`context ${key}: ${value} is not an origin (scheme://host[:port])`);
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
    throw new Error(
      `context ${key} must be lower-case letters, digits and inner hyphens (at most 63), got ${JSON.stringify(value)}`,
    );
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => value.includes(word));
  if (reserved) throw new Error(`context ${key}: Cognito reserves "${reserved}" in domain prefixes`);
  return value;
};

const groupOf = (key: string, name: string): FunctionGroup => {
  if (!(name in FUNCTION_GROUPS))
    throw new Error(`context ${key}: ${name} is not a function group (${Object.keys(FUNCTION_GROUPS).join(', ')})`);
  return name as FunctionGroup; // checked above to be a key of FUNCTION_GROUPS
};

const objectOf = (key: string, raw: unknown): Record<string, unknown> => {
  const value = fromJsonString(raw) ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`context ${key} must be an object`);
  return value as Record<string, unknown>; // a non-array object
};

const throttleOf = (key: string, raw: unknown): Throttle => {
  const { rateLimit, burstLimit } = objectOf(key, raw);
  return { rateLimit: positive(`${key}.rateLimit`, rateLimit), burstLimit: positive(`${key}.burstLimit`, burstLimit) };
};

const routeThrottles = (raw: unknown): Partial<Record<FunctionGroup, Throttle>> => ({
  ...DEFAULT_ROUTE_THROTTLES,
  ...Object.fromEntries(
    Object.entries(objectOf(CONTEXT_KEYS.routeThrottles, raw)).map(([name, value]) => [
      groupOf(CONTEXT_KEYS.routeThrottles, name),
      throttleOf(`${CONTEXT_KEYS.routeThrottles}.${name}`, value),
    ]),
  ),
});

const reservedConcurrency = (raw: unknown): Partial<Record<FunctionGroup, number>> => ({
  ...DEFAULT_RESERVED_CONCURRENCY,
  ...Object.fromEntries(
    Object.entries(objectOf(CONTEXT_KEYS.reservedConcurrency, raw)).map(([name, value]) => [
      groupOf(CONTEXT_KEYS.reservedConcurrency, name),
      positive(`${CONTEXT_KEYS.reservedConcurrency}.${name}`, value),
    ]),
  ),
});

const webAclArn = (value: unknown): string | undefined => {
  if (value === undefined || value === '') return undefined;
  // CloudFront takes only global web ACLs, which live in us-east-1.
  if (typeof value !== 'string' || !/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/.test(value)) {
    throw new Error(
      `context ${CONTEXT_KEYS.webAclArn} must be the ARN of a CloudFront (global, us-east-1) web ACL, got ${JSON.stringify(value)}`,
    );
  }
  return value;
};

const RETENTIONS: readonly number[] = Object.values(RetentionDays).filter((v) => typeof v === 'number');

const retention = (key: string, value: unknown): RetentionDays => {
  const days = positive(key, value);
  if (!RETENTIONS.includes(days))
    throw new Error(`context ${key}: CloudWatch Logs offers ${RETENTIONS.join(', ')} days`);
  return days as RetentionDays; // checked above to be one of the enum's values
};

export const readConfig = (node: Node): RegistryConfig => {
  const throttle = fromJsonString(node.tryGetContext(CONTEXT_KEYS.throttle)) ?? {};
  if (typeof throttle !== 'object' || throttle === null)
    throw new Error(`context ${CONTEXT_KEYS.throttle} must be an object`);
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
    cognitoDomainPrefix: domainPrefix(
      CONTEXT_KEYS.cognitoDomainPrefix,
      node.tryGetContext(CONTEXT_KEYS.cognitoDomainPrefix),
    ),
    routeThrottles: routeThrottles(node.tryGetContext(CONTEXT_KEYS.routeThrottles)),
    reservedConcurrency: reservedConcurrency(node.tryGetContext(CONTEXT_KEYS.reservedConcurrency)),
    webAclArn: webAclArn(node.tryGetContext(CONTEXT_KEYS.webAclArn)),
  };
};
