import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Fn, NestedStack, RemovalPolicy, type NestedStackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { UserPoolClient, type IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/routes.js';
import { appCsp } from '../../shared/web/app-csp.js';
import { APP_CONFIG_PATH, type AppConfig } from '../../shared/web/app-config.js';
import { ApiReference, DOCS_PATH_PATTERNS } from './api-reference.js';
import { WEB_APP_SCOPES, webAppClientOptions } from './auth.js';
import { securityHeadersPolicy } from './response-headers.js';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** Where web/ lands in the bucket: the local server's `/app/*` (index.html included). */
export const APP_PREFIX = 'app/';

/** The paths the distribution serves from the bucket; no API path may take one of them. */
const STATIC_PATH_PATTERNS: readonly string[] = [`/${APP_PREFIX}*`, ...DOCS_PATH_PATTERNS];

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
  /** The registry's user pool: the web app gets an app client of its own in it. */
  readonly userPool: IUserPool;
  /** The managed login's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly signInDomain: string;
  readonly logRetention: RetentionDays;
  /** A CloudFront-scoped WAF web ACL (infra/edge-stack.ts) whose per-IP rate rules guard app and API alike. */
  readonly webAclArn?: string;
}

/**
 * The web app (web/) as static assets, with the local server's URL layout (`/` → index.html,
 * `/app/*` → the files, `/app/config.json` → how to sign in, `/docs` → the API reference), behind
 * CloudFront, which also forwards the API's paths to the HTTP API (`forwardToApi`): the app calls
 * its API by same-origin relative paths (web/js/api.js), as it does locally.
 *
 * A nested stack: the deployment machinery (BucketDeployment's Python custom-resource Lambda and
 * its object-level grants) stays out of the registry's own template, whose functions and grants
 * test/infra/stack.test.ts holds to stricter rules (Node.js 22, no wildcard resources).
 *
 * The web app's Cognito app client lives here too. Its callback URL is the distribution's address
 * and config.json needs its id, so in the parent stack it would make the parent depend on this
 * stack for the address and this stack on the parent for the id: a cycle. Here the parent only
 * reads its id (for the API's JWT audience), and this stack only reads the parent's user pool,
 * Cognito domain and HTTP API: references in one direction each, so CloudFormation can order them
 * (user pool, domain and HTTP API; this stack; the authorizer).
 */
export class WebApp extends NestedStack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  readonly signInClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id, {
      description: 'Alliance Micro-Credential Registry: web app (S3, CloudFront, sign-in client)',
      ...props,
    });

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

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Alliance Micro-Credential Registry web app',
      defaultRootObject: `${APP_PREFIX}index.html`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // The app fetches Cognito's token endpoint (the domain, another origin) to complete a sign-in.
        responseHeadersPolicy: securityHeadersPolicy(
          this,
          'Headers',
          'The web app: the CSP and security headers of the local server',
          appCsp([props.signInDomain]),
        ),
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The catalogue is public by SPEC §4 and its students and institutions are wherever the alliance ' +
          'recruits; there is no country to exclude.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution serves its default *.cloudfront.net certificate, whose security policy CloudFront ' +
          'fixes (a minimum protocol version has no effect without a custom certificate); a custom domain with ' +
          'its own certificate and TLSv1.2_2021 is an operator decision outside this stack.',
      },
    ]);

    if (!props.webAclArn) {
      NagSuppressions.addResourceSuppressions(this.distribution, [
        {
          id: 'AwsSolutions-CFR2',
          reason:
            'Synthesized without registry:webAclArn: the per-IP rate rules live in the AllianceRegistryEdge stack ' +
            '(us-east-1, where CloudFront web ACLs must be), deployed first; docs/deploy.md passes its ARN to this stack.',
        },
      ]);
    }

    this.signInClient = new UserPoolClient(this, 'SignInClient', {
      userPool: props.userPool,
      ...webAppClientOptions(this.url),
    });

    // A role of our own: BucketDeployment's default role carries the AWSLambdaBasicExecutionRole managed policy.
    const deployLogs = new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention });
    const deployRole = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies web/ and the API reference into the web app bucket at deploy time',
    });
    deployRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [deployLogs.logGroupArn],
      }),
    );
    const config: AppConfig = {
      signIn: {
        kind: 'cognito',
        domain: props.signInDomain,
        clientId: this.signInClient.userPoolClientId,
        scopes: WEB_APP_SCOPES.map((scope) => scope.scopeName),
      },
    };
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [
        Source.asset(WEB_ROOT),
        // Written at deploy time: jsonData puts the domain and client id CloudFormation resolves.
        Source.jsonData(path.posix.basename(APP_CONFIG_PATH), config),
      ],
      destinationBucket: this.bucket,
      destinationKeyPrefix: APP_PREFIX,
      // As the local server: every load revalidates, so a deploy needs no CloudFront invalidation
      // (and the handler no cloudfront:CreateInvalidation on "*").
      cacheControl: [CacheControl.noCache()],
      role: deployRole,
      logGroup: deployLogs,
    });
    new ApiReference(this, 'Docs', {
      bucket: this.bucket,
      origin,
      distribution: this.distribution,
      deploymentRole: deployRole,
      deploymentLogs: deployLogs,
    });
    NagSuppressions.addResourceSuppressions(
      deployRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'The grants BucketDeployment gives its handler: read (s3:GetObject*, s3:GetBucket*, s3:List*) on the ' +
            'CDK asset bucket and read-write (adding s3:DeleteObject*, s3:Abort*) on the web app bucket, each on the ' +
            'bucket and its objects (bucket/*). The wildcards are action families and object keys of those two ' +
            'buckets only; nothing else.',
        },
      ],
      true,
    );
    // The Lambda function BucketDeployment creates (a singleton in this nested stack).
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      NagSuppressions.addResourceSuppressions(
        handler,
        [
          {
            id: 'AwsSolutions-L1',
            reason:
              "The runtime of BucketDeployment's handler is chosen by aws-cdk-lib, not by this stack; it moves " +
              'with aws-cdk-lib upgrades.',
          },
        ],
        true,
      );
    }
  }

  /**
   * Forwards each first path segment of the route table to the HTTP API, uncached and with every
   * viewer header but `Host`. Called once the API exists, which itself needs this stack's app
   * client for its audience (registry-stack.ts).
   */
  forwardToApi(routes: readonly RouteSpec[], httpApi: IHttpApi): void {
    // https://<id>.execute-api.<region>.amazonaws.com → the host name.
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', httpApi.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    for (const pattern of apiPathPatterns(routes)) {
      if (STATIC_PATH_PATTERNS.includes(pattern))
        throw new Error(`the route table's ${pattern} would hide the web app's files`);
      this.distribution.addBehavior(pattern, apiOrigin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // API Gateway must see its own host name; everything else (Authorization, Idempotency-Key,
        // If-Match, the query) goes through.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      });
    }
  }

  /** The app's address: https://<distribution>.cloudfront.net/ */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
