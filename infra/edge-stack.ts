import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ROUTES, type FunctionGroup, type RouteSpec } from '../functions/routes.js';

/** Requests one client IP may make in five minutes through CloudFront, to anything. */
export const RATE_LIMIT_PER_IP = 3000;
/**
 * …of which to the engine and interoperability routes, whose answers cost up to 10 s of a 1 GB
 * function: about one a second, more than a student or a registrar clicking through the app needs.
 */
export const COSTLY_RATE_LIMIT_PER_IP = 300;
/** The groups whose routes that tighter limit covers. */
const COSTLY_GROUPS: readonly FunctionGroup[] = ['engine', 'interop'];

/** The last path segments of the costly routes (`/eligibility`, `/export`, …), from the route table. */
export const costlyPathEndings = (routes: readonly RouteSpec[] = ROUTES): string[] =>
  [
    ...new Set(routes.filter((r) => COSTLY_GROUPS.includes(r.group)).map((r) => `/${r.path.split('/').at(-1) ?? ''}`)),
  ].sort();

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** 429 with the registry's error envelope (SPEC §4), as the API's own rate limit answers. */
const RATE_LIMITED: CfnWebACL.RuleActionProperty = {
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: 'rateLimited',
      responseHeaders: [{ name: 'retry-after', value: '300' }],
    },
  },
};

const pathMatch = (ending: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'ENDS_WITH',
    searchString: ending,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * Per-IP rate limits in front of the registry. AWS WAF cannot attach to an HTTP API itself, and a
 * web ACL for CloudFront must live in us-east-1, so it has a stack of its own there
 * (`AllianceRegistryEdge`); the registry stack attaches it to its distribution by ARN
 * (`registry:webAclArn`). Calls that bypass CloudFront to the execute-api URL are bounded by the
 * stage and per-route throttles and the functions' reserved concurrency (docs/deploy.md).
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    // CloudFront takes web ACLs only from us-east-1, wherever the registry itself runs.
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    this.webAcl = new CfnWebACL(this, 'RateLimits', {
      name: `${id}-rate-limits`,
      description: 'Alliance Micro-Credential Registry: per-IP rate limits for the web app and the API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('registry-web-acl'),
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'RATE_LIMITED', message: 'too many requests from this address; retry in a few minutes' },
          }),
        },
      },
      rules: [
        {
          name: 'costly-routes-per-ip',
          priority: 0,
          action: RATE_LIMITED,
          statement: {
            rateBasedStatement: {
              limit: COSTLY_RATE_LIMIT_PER_IP,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: { statements: costlyPathEndings().map((ending) => pathMatch(ending)) },
              },
            },
          },
          visibilityConfig: visibility('registry-costly-routes-per-ip'),
        },
        {
          name: 'all-requests-per-ip',
          priority: 1,
          action: RATE_LIMITED,
          statement: { rateBasedStatement: { limit: RATE_LIMIT_PER_IP, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('registry-all-requests-per-ip'),
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Pass to the registry stack: -c registry:webAclArn=<this ARN>',
    });
  }
}
