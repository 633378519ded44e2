import path from 'node:path';
import { APP_CSP } from '../../shared/web/app-csp.js';
import { fileURLToPath } from 'node:url';
import { Duration, Fn, NestedStack, RemovalPolicy, type NestedStackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion,
  OriginProtocolPolicy, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy,
  ViewerProtocolPolicy, type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/routes.js';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');


/** Where web/ lands in the bucket: the local server's `/app/*` (index.html included). */
export const APP_PREFIX = 'app/';

/**
 * CloudFront path patterns that reach the API: one per first path segment of the route table,
 * `/seg` when a route is exactly that path, `/seg/*` when a route lies below it.
 */
export const apiPathPatterns = (routes: readonly RouteSpec[]): string[] => {
  const patterns = new Set<string>();
  for (const { path: routePath } of routes) {
    const [first = '', ...rest] = routePath.replace(/^\//, '').split('/');
    patterns.add(rest.length === 0 ? `/${first}` : `/${first}/*`);
  }
  return [...patterns].sort();
};

export interface WebAppProps extends NestedStackProps {
  readonly routes: readonly RouteSpec[];
  readonly httpApi: IHttpApi;
  readonly logRetention: RetentionDays;
}

/**
 * The web app (web/) as static assets, with the local server's URL layout (`/` → index.html,
 * `/app/*` → the files), behind CloudFront, which also forwards the API's paths to the HTTP API:
 * the app calls its API by same-origin relative paths (web/js/api.js), as it does locally.
 *
 * A nested stack: the deployment machinery (BucketDeployment's Python custom-resource Lambda and
 * its object-level grants) stays out of the registry's own template, whose functions and grants
 * test/infra/stack.test.ts holds to stricter rules (Node.js 22, no wildcard resources).
 */
export class WebApp extends NestedStack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id, { description: 'Alliance Micro-Credential Registry: web app (S3, CloudFront)', ...props });

    // Access logs of the bucket and the distribution (CloudFront standard logging writes with ACLs).
    // cdk-nag counts a bucket that receives server access logs as logged itself (S1).
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetention) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    /*
     * Retained: deleting the stack leaves the bucket (a few hundred kB of files the next deploy
     * rewrites). autoDeleteObjects would add a second custom-resource Lambda with a managed
     * policy only to empty it.
     */
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'The web app: the CSP and security headers of the local server',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: APP_CSP, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    // https://<id>.execute-api.<region>.amazonaws.com → the host name.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const apiBehavior: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway must see its own host name; everything else (Authorization, Idempotency-Key,
      // If-Match, the query) goes through.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Alliance Micro-Credential Registry web app',
      defaultRootObject: `${APP_PREFIX}index.html`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.routes).map((p) => [p, apiBehavior])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The catalogue is public by SPEC §4 and its students and institutions are wherever the alliance '
          + 'recruits; there is no country to exclude.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF web ACL: the static files are public and read-only, and the API behind the same '
          + 'distribution is throttled by its stage and takes writes only with a Cognito token (JWT authorizer). '
          + 'A web ACL is a monthly cost an operator can add when traffic calls for it.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The distribution serves its default *.cloudfront.net certificate, whose security policy CloudFront '
          + 'fixes (a minimum protocol version has no effect without a custom certificate); a custom domain with '
          + 'its own certificate and TLSv1.2_2021 is an operator decision outside this stack.',
      },
    ]);

    // A role of our own: BucketDeployment's default role carries the AWSLambdaBasicExecutionRole managed policy.
    const deployLogs = new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention });
    const deployRole = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies web/ into the web app bucket at deploy time',
    });
    deployRole.addToPolicy(new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [deployLogs.logGroupArn],
    }));
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(WEB_ROOT)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: APP_PREFIX,
      // As the local server: every load revalidates, so a deploy needs no CloudFront invalidation
      // (and the handler no cloudfront:CreateInvalidation on "*").
      cacheControl: [CacheControl.noCache()],
      role: deployRole,
      logGroup: deployLogs,
    });
    NagSuppressions.addResourceSuppressions(deployRole, [{
      id: 'AwsSolutions-IAM5',
      reason: 'The grants BucketDeployment gives its handler: read (s3:GetObject*, s3:GetBucket*, s3:List*) on the '
        + 'CDK asset bucket and read-write (adding s3:DeleteObject*, s3:Abort*) on the web app bucket, each on the '
        + 'bucket and its objects (bucket/*). The wildcards are action families and object keys of those two '
        + 'buckets only; nothing else.',
    }], true);
    // The Lambda function BucketDeployment creates (a singleton in this nested stack).
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      NagSuppressions.addResourceSuppressions(handler, [{
        id: 'AwsSolutions-L1',
        reason: 'The runtime of BucketDeployment\'s handler is chosen by aws-cdk-lib, not by this stack; it moves '
          + 'with aws-cdk-lib upgrades.',
      }], true);
    }
  }

  /** The app's address: https://<distribution>.cloudfront.net/ */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
