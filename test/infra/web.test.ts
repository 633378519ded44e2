import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stage, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { DOCS_PATH_PATTERNS, DOCS_PREFIX } from '../../infra/constructs/api-reference.js';
import { APP_PREFIX, apiPathPatterns } from '../../infra/constructs/web.js';
import { AppConfig } from '../../shared/web/app-config.js';
import { DOCS_CSP, DOCS_PAGE } from '../../shared/web/docs-page.js';
import { synthRegistry, type Synthesized } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Behavior = Record<string, unknown> & { PathPattern: string };
type Deployment = {
  SourceObjectKeys: string[];
  SourceMarkers: Record<string, unknown>[];
  DestinationBucketKeyPrefix: string;
};

const DOMAIN_PREFIX = 'alliance-registry-test';

let synth: Synthesized;
let web: Template;
beforeAll(() => {
  synth = synthRegistry({ context: { 'registry:cognitoDomainPrefix': DOMAIN_PREFIX } });
  // The web app is a nested stack: its own template, its cdk-nag findings reported with the parent's.
  web = Template.fromStack(synth.stack.web);
});

const only = (type: string): Resource => {
  const all = Object.values(web.findResources(type)) as Resource[];
  expect(all).toHaveLength(1);
  return all[0] as Resource; // length checked above
};
const logicalIdIn = (construct: { node: { defaultChild?: unknown } }): string =>
  synth.stack.web.getLogicalId(construct.node.defaultChild as CfnElement); // the L2s below each have a CfnResource as default child
const distributionConfig = () =>
  only('AWS::CloudFront::Distribution').Properties.DistributionConfig as Record<string, unknown>;
const behaviors = () => distributionConfig().CacheBehaviors as Behavior[];
const deploymentTo = (prefix: string): Deployment => {
  const all = Object.values(web.findResources('Custom::CDKBucketDeployment')).map((r) => r.Properties as Deployment);
  const found = all.filter((d) => d.DestinationBucketKeyPrefix === prefix);
  expect(found).toHaveLength(1);
  return found[0] as Deployment; // length checked above
};
/** A file of a deployment's source, as staged in the cloud assembly (asset.<hash>/ for <hash>.zip). */
const stagedFile = (deployment: Deployment, file: string): string => {
  const outdir = Stage.of(synth.stack)?.outdir ?? '';
  for (const key of deployment.SourceObjectKeys) {
    const candidate = path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`, file);
    try {
      return readFileSync(candidate, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // fs errors carry a code
    }
  }
  throw new Error(`no source of the deployment holds ${file}`);
};
/** The nested stack's parameter that carries the parent's value `value` (a Ref or GetAtt). */
const parameterFor = (value: unknown): string => {
  const nested = synth.stack.web.nestedStackResource;
  const parameters =
    (synth.template.toJSON().Resources as Record<string, { Properties: { Parameters?: Record<string, unknown> } }>)[
      synth.stack.resolve(nested?.logicalId) as string
    ]?.Properties.Parameters ?? {};
  const [name] = Object.entries(parameters).find(([, v]) => JSON.stringify(v) === JSON.stringify(value)) ?? [];
  if (!name) throw new Error(`the web app's stack receives no parameter ${JSON.stringify(value)}`);
  return name;
};
const domainParameter = () =>
  parameterFor({ Ref: synth.stack.resolve((synth.stack.auth.domain.node.defaultChild as CfnElement).logicalId) });

describe('web app bucket', () => {
  it('blocks all public access, requires TLS and is encrypted', () => {
    const buckets = web.findResources('AWS::S3::Bucket');
    const assets = buckets[synth.stack.web.getLogicalId(synth.stack.web.bucket.node.defaultChild as CfnElement)]; // a Bucket's default child is its CfnBucket
    expect(assets?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: expect.anything(),
    });
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    expect(JSON.stringify(web.findResources('AWS::S3::BucketPolicy'))).toContain('"aws:SecureTransport":"false"');
  });

  it('is readable by the distribution only', () => {
    const allows = Object.values(web.findResources('AWS::S3::BucketPolicy'))
      .flatMap(
        (p) =>
          (p.Properties.PolicyDocument as { Statement: { Effect: string; Principal: unknown; Action: unknown }[] })
            .Statement,
      )
      .filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
    ]);
  });
});

describe('distribution', () => {
  const config = distributionConfig;

  it('reads the bucket through an origin access control', () => {
    only('AWS::CloudFront::OriginAccessControl');
    const origins = config().Origins as Record<string, unknown>[];
    const s3 = origins.filter((o) => o.S3OriginConfig);
    expect(s3).toHaveLength(1);
    expect(s3[0]).toMatchObject({
      OriginAccessControlId: expect.anything(),
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it("serves the local server's layout: / is index.html, /app/* the files", () => {
    expect(config().DefaultRootObject).toBe(`${APP_PREFIX}index.html`);
    deploymentTo(APP_PREFIX);
  });

  it("sends the app's content security policy, which lets the app reach Cognito's token endpoint", () => {
    const policyId = (config().DefaultCacheBehavior as { ResponseHeadersPolicyId: unknown }).ResponseHeadersPolicyId;
    const [policy] = Object.entries(web.findResources('AWS::CloudFront::ResponseHeadersPolicy')).filter(
      ([id]) => JSON.stringify(policyId) === JSON.stringify({ Ref: id }),
    );
    const headers = (
      policy?.[1].Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }
    ).SecurityHeadersConfig;
    expect(headers).toMatchObject({
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      FrameOptions: { FrameOption: 'DENY' },
    });
    // connect-src 'self' https://<domain prefix>.auth.<region>.amazoncognito.com, resolved at deploy time.
    const csp = headers.ContentSecurityPolicy as {
      ContentSecurityPolicy: { 'Fn::Join': [string, unknown[]] };
      Override: boolean;
    };
    expect(csp.Override).toBe(true);
    expect(csp.ContentSecurityPolicy['Fn::Join'][1]).toEqual([
      expect.stringMatching(/^default-src 'none'; script-src 'self'; .*connect-src 'self' https:\/\/$/),
      { Ref: domainParameter() },
      '.auth.',
      { Ref: 'AWS::Region' },
      expect.stringMatching(/^\.amazoncognito\.com; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/),
    ]);
  });

  it('forwards every API path to the HTTP API, uncached', () => {
    const api = behaviors().filter((b) => !(DOCS_PATH_PATTERNS as readonly string[]).includes(b.PathPattern));
    expect(api.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns(ROUTES));
    for (const route of ROUTES) {
      const first = route.path.split('/')[1];
      expect(
        api.some((b) => b.PathPattern === route.path || b.PathPattern === `/${first}/*`),
        route.path,
      ).toBe(true);
    }
    for (const behavior of api) {
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
    deploymentTo(APP_PREFIX);
    for (const role of Object.values(web.findResources('AWS::IAM::Role')))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it("writes config.json beside the app with the Cognito domain and the web app's client id", () => {
    const deployment = deploymentTo(APP_PREFIX);
    const config = AppConfig.parse(
      JSON.parse(
        stagedFile(deployment, 'config.json')
          // Deploy-time values are markers in the file, which the handler replaces by the resolved values.
          .replaceAll(/<<marker:0xbaba:(\d+)>>/g, 'marker$1'),
      ),
    );
    expect(config).toEqual({
      signIn: {
        kind: 'cognito',
        domain: 'https://marker0.auth.marker1.amazoncognito.com',
        clientId: 'marker2',
        scopes: ['openid', 'email', 'profile'],
      },
    });
    expect(deployment.SourceMarkers.find((m) => Object.keys(m).length > 0)).toEqual({
      '<<marker:0xbaba:0>>': { Ref: domainParameter() },
      '<<marker:0xbaba:1>>': { Ref: 'AWS::Region' },
      '<<marker:0xbaba:2>>': { Ref: logicalIdIn(synth.stack.web.signInClient) },
    });
  });
});

describe('sign-in client', () => {
  const client = () => only('AWS::Cognito::UserPoolClient').Properties;
  const appUrl = () => ({
    'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdIn(synth.stack.web.distribution), 'DomainName'] }, '/']],
  });

  it("is a public client of the registry's user pool: no secret", () => {
    expect(client().GenerateSecret).toBe(false);
    expect(client().UserPoolId).toEqual({
      Ref: parameterFor({
        Ref: synth.stack.resolve((synth.stack.auth.userPool.node.defaultChild as CfnElement).logicalId),
      }),
    });
  });

  it('signs in by the authorization-code grant only, with OpenID, e-mail and profile', () => {
    expect(client()).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
    });
    expect(client().ExplicitAuthFlows).not.toEqual(expect.arrayContaining([expect.stringMatching(/PASSWORD|CUSTOM/)]));
  });

  it("returns to the app's CloudFront address after signing in and out", () => {
    expect(client().CallbackURLs).toEqual([appUrl()]);
    expect(client().LogoutURLs).toEqual([appUrl()]);
  });

  it('lets no user write the attributes that scope their rights', () => {
    expect(client().WriteAttributes).toEqual(['name']);
  });

  it('uses the Cognito domain prefix of the context', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: DOMAIN_PREFIX });
  });
});

describe('API reference', () => {
  it("deploys the local server's page and Redoc's bundle under docs/", () => {
    const deployment = deploymentTo(DOCS_PREFIX);
    expect(stagedFile(deployment, 'index.html')).toBe(DOCS_PAGE);
    expect(stagedFile(deployment, 'redoc.standalone.js')).toContain('Redoc');
  });

  it("serves /docs and /docs/* from the bucket with the page's content security policy", () => {
    const docs = behaviors().filter((b) => (DOCS_PATH_PATTERNS as readonly string[]).includes(b.PathPattern));
    expect(docs.map((b) => b.PathPattern)).toEqual([...DOCS_PATH_PATTERNS]);
    const policies = web.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    for (const behavior of docs) {
      const policy = Object.entries(policies).find(
        ([id]) => JSON.stringify(behavior.ResponseHeadersPolicyId) === JSON.stringify({ Ref: id }),
      );
      expect(policy?.[1].Properties).toMatchObject({
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: DOCS_CSP, Override: true } },
        },
      });
      expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it('rewrites /docs to docs/index.html at the edge', () => {
    const fn = only('AWS::CloudFront::Function').Properties as { FunctionCode: string };
    const handler = new Function(`${fn.FunctionCode}; return handler;`)() as (e: { request: { uri: string } }) => {
      uri: string;
    };
    expect(handler({ request: { uri: '/docs' } }).uri).toBe('/docs/index.html');
    expect(handler({ request: { uri: '/docs/' } }).uri).toBe('/docs/index.html');
    expect(handler({ request: { uri: '/docs/redoc.standalone.js' } }).uri).toBe('/docs/redoc.standalone.js');
    for (const behavior of behaviors().filter((b) =>
      (DOCS_PATH_PATTERNS as readonly string[]).includes(b.PathPattern),
    )) {
      expect(behavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } },
      ]);
    }
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
