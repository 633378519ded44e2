import path from 'node:path';
import {
  AllowedMethods,
  CachePolicy,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  ViewerProtocolPolicy,
  Function as ViewerFunction,
  type AddBehaviorOptions,
  type Distribution,
  type IOrigin,
} from 'aws-cdk-lib/aws-cloudfront';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { DOCS_CSP, DOCS_PAGE, REDOC_BUNDLE, REDOC_SCRIPT_PATH } from '../../shared/web/docs-page.js';
import { securityHeadersPolicy } from './response-headers.js';

/** Where the reference lands in the bucket: `/docs` is `docs/index.html`, the script beside it. */
export const DOCS_PREFIX = 'docs/';
export const DOCS_PATH_PATTERNS = ['/docs', '/docs/*'] as const;

/*
 * `/docs` (and `/docs/`) name no object: S3 has `docs/index.html`. A viewer-request function
 * rewrites them, as the distribution's default root object does for `/`.
 */
const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri === '/docs' || request.uri === '/docs/') request.uri = '/docs/index.html';
  return request;
}`;

export interface ApiReferenceProps {
  readonly bucket: IBucket;
  readonly origin: IOrigin;
  readonly distribution: Distribution;
  /** The web app's deployment role and log group: one BucketDeployment handler serves both. */
  readonly deploymentRole: IRole;
  readonly deploymentLogs: ILogGroup;
}

/**
 * The API reference of the local server's `/docs` (shared/web/docs-page.ts): the page and Redoc's
 * standalone bundle under `docs/` in the web app's bucket, served at `/docs` and `/docs/*` with
 * the page's own content security policy (Redoc needs inline styles and a blob worker, which the
 * app's policy refuses). `/openapi.json`, which the page reads, is an API path the distribution
 * already forwards.
 */
export class ApiReference extends Construct {
  constructor(scope: Construct, id: string, props: ApiReferenceProps) {
    super(scope, id);
    new BucketDeployment(this, 'Deployment', {
      sources: [
        Source.data('index.html', DOCS_PAGE),
        // Only the bundle the page loads, not Redoc's other builds and source maps.
        Source.asset(path.dirname(REDOC_BUNDLE), { exclude: ['*', `!${path.basename(REDOC_SCRIPT_PATH)}`] }),
      ],
      destinationBucket: props.bucket,
      destinationKeyPrefix: DOCS_PREFIX,
      cacheControl: [CacheControl.noCache()],
      role: props.deploymentRole,
      logGroup: props.deploymentLogs,
    });

    const rewrite = new ViewerFunction(this, 'IndexRewrite', {
      comment: 'Serves docs/index.html at /docs',
      code: FunctionCode.fromInline(INDEX_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const behavior: AddBehaviorOptions = {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: securityHeadersPolicy(
        this,
        'Headers',
        "The API reference: the CSP of the local server's /docs",
        DOCS_CSP,
      ),
      compress: true,
      functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    for (const pattern of DOCS_PATH_PATTERNS) props.distribution.addBehavior(pattern, props.origin, behavior);
  }
}
