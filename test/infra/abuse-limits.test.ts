import { App, Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { routeKey } from '../../infra/entries.js';
import { COSTLY_RATE_LIMIT_PER_IP, EdgeStack, RATE_LIMIT_PER_IP } from '../../infra/edge-stack.js';
import { synthRegistry, type Synthesized } from './synth.js';

/*
 * No anonymous client can use up the whole API: per-IP rate limits in a CloudFront web ACL
 * (AllianceRegistryEdge, us-east-1), per-route throttles for the costly routes, and reserved
 * concurrency that caps the engine and interop functions.
 */
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/AllianceRegistryEdge-rate-limits/0123abcd-4567-89ef-0123-456789abcdef';

type Resource = { Type: string; Properties: Record<string, unknown> };

let synth: Synthesized;
let edge: { template: Template; errors: string[]; warnings: string[] };
beforeAll(() => {
  synth = synthRegistry({
    context: { 'registry:webAclArn': WEB_ACL, 'registry:routeThrottles': { interop: { rateLimit: 5, burstLimit: 9 } } },
  });
  const app = new App();
  const stack = new EdgeStack(app, 'Edge');
  Aspects.of(app).add(new AwsSolutionsChecks());
  const artifact = app.synth().getStackByName(stack.stackName);
  const messages = (level: string) =>
    artifact.messages.filter((m) => m.level === level).map((m) => `${m.id}: ${String(m.entry.data)}`);
  edge = {
    template: Template.fromJSON(artifact.template as Record<string, unknown>),
    errors: messages('error'),
    warnings: messages('warning'),
  };
});

const functionOf = (group: string): Resource => {
  const all = Object.values(synth.template.findResources('AWS::Lambda::Function')) as Resource[];
  const found = all.filter((f) => String(f.Properties.Description).startsWith(`${group}:`));
  expect(found).toHaveLength(1);
  return found[0] as Resource; // length checked above
};

describe('per-route throttles', () => {
  const settings = () =>
    (Object.values(synth.template.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource).Properties
      .RouteSettings as Record<string, unknown>;

  it("give every engine route a bucket of its own, tighter than the stage's", () => {
    for (const route of ROUTES.filter((r) => r.group === 'engine')) {
      expect(settings()[routeKey(route)], routeKey(route)).toEqual({
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
      });
    }
  });

  it('give the saved-plan routes, which anyone may write, a bucket of their own', () => {
    for (const route of ROUTES.filter((r) => r.group === 'plans')) {
      expect(settings()[routeKey(route)], routeKey(route)).toEqual({
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
      });
    }
  });

  it("take the interop routes' limits from the context", () => {
    for (const route of ROUTES.filter((r) => r.group === 'interop')) {
      expect(settings()[routeKey(route)], routeKey(route)).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 9 });
    }
  });

  it("leave the cheap routes to the stage's throttle", () => {
    expect(settings()['GET /credentials']).toBeUndefined();
  });
});

describe('reserved concurrency', () => {
  it('caps the engine and interop functions and reserves their share', () => {
    expect(functionOf('engine').Properties.ReservedConcurrentExecutions).toBe(20);
    expect(functionOf('interop').Properties.ReservedConcurrentExecutions).toBe(10);
  });

  it('reserves nothing for the other functions', () => {
    expect(functionOf('registry-read').Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('the CloudFront web ACL', () => {
  it('is attached to the distribution by the ARN in the context', () => {
    const web = Template.fromStack(synth.stack.web);
    const [distribution] = Object.values(web.findResources('AWS::CloudFront::Distribution')) as Resource[];
    expect((distribution?.Properties.DistributionConfig as Record<string, unknown>).WebACLId).toBe(WEB_ACL);
  });

  it('limits every client IP, and tighter on the engine and interoperability routes, answering 429', () => {
    const [acl] = Object.values(edge.template.findResources('AWS::WAFv2::WebACL')) as Resource[];
    expect(acl?.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl?.Properties.Rules as {
      Name: string;
      Action: { Block: { CustomResponse: { ResponseCode: number } } };
      Statement: { RateBasedStatement: Record<string, unknown> };
    }[];
    const limits = Object.fromEntries(rules.map((r) => [r.Name, r.Statement.RateBasedStatement]));
    expect(limits['all-requests-per-ip']).toMatchObject({ Limit: RATE_LIMIT_PER_IP, AggregateKeyType: 'IP' });
    expect(limits['costly-routes-per-ip']).toMatchObject({ Limit: COSTLY_RATE_LIMIT_PER_IP, AggregateKeyType: 'IP' });
    const scoped = JSON.stringify(limits['costly-routes-per-ip']?.ScopeDownStatement);
    for (const ending of ['/eligibility', '/pathways', '/stackability', '/export', '/interoperability'])
      expect(scoped).toContain(`"${ending}"`);
    expect(rules.every((r) => r.Action.Block.CustomResponse.ResponseCode === 429)).toBe(true);
  });

  it('lives in us-east-1, where CloudFront takes web ACLs from, and outputs its ARN', () => {
    expect(new EdgeStack(new App(), 'Elsewhere', { env: { region: 'eu-central-1' } }).region).toBe('us-east-1');
    expect(Object.keys(edge.template.findOutputs('WebAclArn'))).toEqual(['WebAclArn']);
  });
});

describe('cdk-nag', () => {
  it('reports no unsuppressed AwsSolutions finding for the registry with a web ACL, nor for the edge stack', () => {
    expect([...synth.findings.errors, ...synth.findings.warnings].filter((f) => f.includes('AwsSolutions-'))).toEqual(
      [],
    );
    expect([...edge.errors, ...edge.warnings].filter((f) => f.includes('AwsSolutions-'))).toEqual([]);
  });
});
