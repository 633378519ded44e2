import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { APP_PREFIX, apiPathPatterns } from '../../infra/constructs/web.js';
import { APP_CSP } from '../../shared/web/app-csp.js';
import { synthRegistry, type Synthesized } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

let synth: Synthesized;
let web: Template;
beforeAll(() => {
  synth = synthRegistry();
  // The web app is a nested stack: its own template, its cdk-nag findings reported with the parent's.
  web = Template.fromStack(synth.stack.web);
});

const only = (type: string): Resource => {
  const all = Object.values(web.findResources(type)) as Resource[];
  expect(all).toHaveLength(1);
  return all[0] as Resource; // length checked above
};

describe('web app bucket', () => {
  it('blocks all public access, requires TLS and is encrypted', () => {
    const buckets = web.findResources('AWS::S3::Bucket');
    const assets = buckets[synth.stack.web.getLogicalId(synth.stack.web.bucket.node.defaultChild as CfnElement)]; // a Bucket's default child is its CfnBucket
    expect(assets?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: expect.anything(),
    });
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    }
    expect(JSON.stringify(web.findResources('AWS::S3::BucketPolicy'))).toContain('"aws:SecureTransport":"false"');
  });

  it('is readable by the distribution only', () => {
    const allows = Object.values(web.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Effect: string; Principal: unknown; Action: unknown }[] }).Statement)
      .filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([expect.objectContaining({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]);
  });
});

describe('distribution', () => {
  const config = () => only('AWS::CloudFront::Distribution').Properties.DistributionConfig as Record<string, unknown>;

  it('reads the bucket through an origin access control', () => {
    only('AWS::CloudFront::OriginAccessControl');
    const origins = config().Origins as Record<string, unknown>[];
    const s3 = origins.filter((o) => o.S3OriginConfig);
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({ OriginAccessControlId: expect.anything(), S3OriginConfig: { OriginAccessIdentity: '' } });
  });

  it('serves the local server\'s layout: / is index.html, /app/* the files', () => {
    expect(config().DefaultRootObject).toBe(`${APP_PREFIX}index.html`);
    expect(only('Custom::CDKBucketDeployment').Properties).toMatchObject({ DestinationBucketKeyPrefix: APP_PREFIX });
  });

  it('sends the app\'s content security policy', () => {
    expect(only('AWS::CloudFront::ResponseHeadersPolicy').Properties).toMatchObject({
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: APP_CSP, Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
          FrameOptions: { FrameOption: 'DENY' },
        },
      },
    });
  });

  it('forwards every API path to the HTTP API, uncached', () => {
    const behaviors = config().CacheBehaviors as Record<string, unknown>[];
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns(ROUTES));
    for (const route of ROUTES) {
      const first = route.path.split('/')[1];
      expect(behaviors.some((b) => b.PathPattern === route.path || b.PathPattern === `/${first}/*`), route.path).toBe(true);
    }
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'OPTIONS']),
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // managed CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // managed AllViewerExceptHostHeader
      });
    }
  });
});

describe('deployment', () => {
  it('copies web/ into the bucket, with a role of its own and no managed policy', () => {
    only('Custom::CDKBucketDeployment');
    for (const role of Object.values(web.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('registry stack', () => {
  it('outputs the web app URL', () => {
    synth.template.hasOutput('WebUrl', {});
  });

  it('reports no unsuppressed AwsSolutions finding for the web app', () => {
    const web = (m: string) => m.includes('/Web/') && m.includes('AwsSolutions-');
    expect(synth.findings.errors.filter(web)).toEqual([]);
    expect(synth.findings.warnings.filter(web)).toEqual([]);
  });
});
