import { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_GROUPS, ROUTES, type FunctionGroup, type RouteSpec } from '../../functions/routes.js';
import { routeKey } from '../../infra/entries.js';
import { GSI1, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/dynamo/table.js';
import { synthRegistry, type Synthesized } from './synth.js';

/*
 * What the repositories do (GetItem, Query, BatchGetItem; writes: PutItem, UpdateItem, DeleteItem
 * and TransactWriteItems, which IAM authorises per contained Put/Update/Delete/ConditionCheck),
 * written out here rather than imported, so a widened grant in infra/ fails these tests.
 */
const NEEDS = {
  read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  write: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
  ],
};
/** X-Ray's write actions take no resource-level permissions: the traced import worker has them on "*", and only them. */
const XRAY = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** The imports group queues the parts of an upload (test/infra/import-worker.test.ts checks on which queue). */
const QUEUE_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const LOGGING = ['logs:CreateLogStream', 'logs:PutLogEvents'];

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let synth: Synthesized;
beforeAll(() => {
  synth = synthRegistry({
    context: {
      'registry:corsOrigins': ['https://catalogue.alliance.example'],
      'registry:throttle': { rateLimit: 7, burstLimit: 13 },
    },
  });
});

const resources = (type: string): Record<string, Resource> =>
  synth.template.findResources(type) as Record<string, Resource>;
const only = (type: string): Resource => {
  const all = Object.values(resources(type));
  expect(all).toHaveLength(1);
  return all[0] as Resource; // length checked above
};
const logicalId = (construct: IConstruct): string => {
  const resource = construct.node.defaultChild;
  if (!CfnElement.isCfnElement(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return synth.stack.resolve(resource.logicalId) as string; // a logical id resolves to a string
};
const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

describe('table', () => {
  it('is on-demand, with point-in-time recovery and deletion protection', () => {
    const table = only('AWS::DynamoDB::Table').Properties;
    expect(table).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    expect(only('AWS::DynamoDB::Table')).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('expires records by the shared TTL attribute', () => {
    expect(only('AWS::DynamoDB::Table').Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TTL_ATTRIBUTE,
      Enabled: true,
    });
  });

  it('is encrypted with the AWS-managed key', () => {
    // SSEEnabled without a key id: KMS with the AWS-managed key aws/dynamodb.
    expect(only('AWS::DynamoDB::Table').Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('has the keys and the index of the local store', () => {
    expect(only('AWS::DynamoDB::Table').Properties).toMatchObject({
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: GSI1.name,
          KeySchema: [
            { AttributeName: GSI1.partition, KeyType: 'HASH' },
            { AttributeName: GSI1.sort, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});

describe('routes', () => {
  const routes = () => Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  it('match the route table one to one', () => {
    const synthesized = routes().map((r) => r.RouteKey);
    expect(new Set(synthesized).size).toBe(synthesized.length);
    expect([...synthesized].sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('each reach the function of their group', () => {
    const integrations = resources('AWS::ApiGatewayV2::Integration');
    for (const spec of ROUTES) {
      const route = routes().find((r) => r.RouteKey === routeKey(spec));
      const integrationId = String(route?.Target).replace(/^integrations\//, '');
      const [ref] = Object.entries(integrations).filter(([id]) => JSON.stringify(route?.Target).includes(id));
      const fn = synth.stack.functions.byGroup.get(spec.group);
      expect(fn, `${routeKey(spec)} has a function`).toBeDefined();
      expect(
        JSON.stringify(ref?.[1].Properties.IntegrationUri),
        `${routeKey(spec)} → ${spec.group} (${integrationId})`,
      ).toContain(logicalId(fn as IConstruct)); // defined, checked above
    }
  });

  it('carry the JWT authorizer on every jwt route', () => {
    const authorizerId = Object.keys(resources('AWS::ApiGatewayV2::Authorizer'))[0];
    for (const spec of ROUTES.filter((r) => r.auth === 'jwt')) {
      expect(
        routes().find((r) => r.RouteKey === routeKey(spec)),
        routeKey(spec),
      ).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('carry no authorizer on a public route', () => {
    for (const spec of ROUTES.filter((r) => r.auth === 'public')) {
      const route = routes().find((r) => r.RouteKey === routeKey(spec));
      expect(route?.AuthorizationType, routeKey(spec)).toBe('NONE');
      expect(route?.AuthorizerId, routeKey(spec)).toBeUndefined();
    }
  });

  it("verify tokens of the user pool issued to the CLI's app client or the web app's", () => {
    const { userPool, client } = synth.stack.auth;
    // The web app's client lives in the nested stack: the parent reads its id from the stack's outputs.
    const nested = synth.stack.web.nestedStackResource;
    if (!nested) throw new Error('the web app is no nested stack');
    const webClient = {
      'Fn::GetAtt': [synth.stack.resolve(nested.logicalId), expect.stringMatching(/^Outputs\..*SignInClient.*Ref$/)],
    };
    expect(only('AWS::ApiGatewayV2::Authorizer').Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(client) }, webClient],
        Issuer: { 'Fn::Join': ['', expect.arrayContaining([{ Ref: logicalId(userPool) }])] },
      },
    });
  });
});

describe('stage', () => {
  it('throttles by the context settings', () => {
    expect(only('AWS::ApiGatewayV2::Stage').Properties).toMatchObject({
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 13 },
    });
  });

  it('writes access logs to a log group with a retention', () => {
    const stage = only('AWS::ApiGatewayV2::Stage').Properties as {
      AccessLogSettings?: { DestinationArn: unknown; Format: string };
    };
    const [logGroupId] = JSON.stringify(stage.AccessLogSettings?.DestinationArn).match(/ApiAccessLogs\w+/) ?? [];
    expect(JSON.parse(stage.AccessLogSettings?.Format ?? '{}')).toMatchObject({
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    expect(resources('AWS::Logs::LogGroup')[logGroupId ?? '']?.Properties.RetentionInDays).toBe(90);
  });

  it('answers CORS for the allow-listed origins only', () => {
    expect(only('AWS::ApiGatewayV2::Api').Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://catalogue.alliance.example'],
      AllowHeaders: expect.arrayContaining(['authorization', 'idempotency-key', 'if-match']),
    });
  });
});

describe('functions', () => {
  const functions = () => Object.values(resources('AWS::Lambda::Function')).map((f) => f.Properties);

  it('run Node.js 22 on arm64', () => {
    expect(functions().length).toBeGreaterThan(0);
    for (const fn of functions()) expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });

  it('are one per function group that serves a route', () => {
    const used = new Set(ROUTES.map((r) => r.group));
    expect([...synth.stack.functions.byGroup.keys()].sort()).toEqual([...used].sort());
  });

  const statementsOf = (roleId: string): Statement[] =>
    Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

  it.each(Object.keys(FUNCTION_GROUPS).filter((g) => ROUTES.some((r) => r.group === g)))(
    'grant %s no action beyond what its access needs',
    (group) => {
      const fn = synth.stack.functions.byGroup.get(group as FunctionGroup);
      const roleId = logicalId(fn?.role as IConstruct); // every RegistryFunction has its own role
      const allowed = new Set<string>([
        ...NEEDS[FUNCTION_GROUPS[group as FunctionGroup].access],
        ...LOGGING,
        ...(group === 'imports' ? QUEUE_SEND : []),
      ]);
      const granted = statementsOf(roleId).flatMap(actionsOf);
      expect(granted.filter((a) => !allowed.has(a))).toEqual([]);
      expect(granted).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    },
  );

  it('give read groups no write action', () => {
    for (const [group, fn] of synth.stack.functions.byGroup) {
      if (FUNCTION_GROUPS[group].access !== 'read') continue;
      const granted = statementsOf(logicalId(fn.role as IConstruct)).flatMap(actionsOf); // own role, see above
      expect(
        granted.filter((a) => a.startsWith('dynamodb:') && !NEEDS.read.includes(a)),
        group,
      ).toEqual([]);
    }
  });

  it('grants no function the right to scan the table', () => {
    expect(JSON.stringify(resources('AWS::IAM::Policy'))).not.toMatch(/dynamodb:(Scan|\*)/);
  });

  it('grants nothing on every resource but X-Ray tracing', () => {
    const statements = Object.values(resources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const wildcard = statements.filter((s) => JSON.stringify(s.Resource).includes('*'));
    expect(wildcard.flatMap(actionsOf).filter((a) => !XRAY.includes(a))).toEqual([]);
  });

  it('attach no managed policy to a role', () => {
    for (const role of Object.values(resources('AWS::IAM::Role')))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('receive the table name and the cursor key resolved at deploy time', () => {
    for (const fn of synth.stack.functions.byGroup.values()) {
      const props = resources('AWS::Lambda::Function')[logicalId(fn)]?.Properties;
      const variables = (props?.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.TABLE_NAME).toEqual({ Ref: logicalId(synth.stack.table.table) });
      expect(JSON.stringify(variables.CURSOR_KEY)).toContain('{{resolve:secretsmanager:');
    }
  });
});

describe('user pool', () => {
  it('admits no self sign-up and requires MFA', () => {
    expect(only('AWS::Cognito::UserPool').Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('runs the pre-token-generation trigger as event version 2', () => {
    const lambda = logicalId(synth.stack.auth.trigger);
    expect(only('AWS::Cognito::UserPool').Properties.LambdaConfig).toMatchObject({
      PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: { 'Fn::GetAtt': [lambda, 'Arn'] } },
    });
  });

  it('has a group per role', () => {
    const groups = Object.values(resources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['coordinator', 'institution', 'operator', 'student']);
  });

  it('lets no user write the attributes that scope their rights', () => {
    const client = only('AWS::Cognito::UserPoolClient').Properties;
    expect(client.WriteAttributes).toEqual(expect.not.arrayContaining([expect.stringMatching(/^custom:/)]));
    expect(client.WriteAttributes).toBeDefined();
  });

  it("offers no OAuth flow through the managed login to the CLI's app client", () => {
    // CDK's default would allow the implicit grant to https://example.com once the pool has a domain.
    const client = only('AWS::Cognito::UserPoolClient').Properties;
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
  });

  it("names its Cognito domain after the stack's GUID unless the context names a prefix", () => {
    expect(only('AWS::Cognito::UserPoolDomain').Properties).toEqual({
      UserPoolId: { Ref: logicalId(synth.stack.auth.userPool) },
      Domain: {
        'Fn::Join': [
          '',
          [
            'alliance-registry-',
            {
              'Fn::Select': [
                0,
                { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] },
              ],
            },
          ],
        ],
      },
    });
  });
});

describe('cdk-nag', () => {
  it('reports no unsuppressed AwsSolutions error', () => {
    expect(synth.findings.errors.filter((e) => e.includes('AwsSolutions-'))).toEqual([]);
  });

  it('reports no unsuppressed AwsSolutions warning', () => {
    expect(synth.findings.warnings.filter((w) => w.includes('AwsSolutions-'))).toEqual([]);
  });
});

/* The stack follows whatever the route table says: a smaller table, a smaller API. */
const TABLE: readonly RouteSpec[] = [
  { method: 'GET', path: '/health', handler: 'health/get', auth: 'public', group: 'registry-read' },
  { method: 'POST', path: '/institutions', handler: 'institutions/create', auth: 'jwt', group: 'registry-write' },
];

describe('a stack built from another route table', () => {
  let small: Synthesized;
  beforeAll(() => {
    small = synthRegistry({ routes: TABLE });
  });

  it('has exactly its routes', () => {
    const keys = Object.values(small.template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(['GET /health', 'POST /institutions']);
  });

  it('has a function only for the groups it uses', () => {
    expect([...small.stack.functions.byGroup.keys()].sort()).toEqual(['registry-read', 'registry-write']);
  });

  it('has no CORS configuration when no origin is allow-listed', () => {
    const [api] = Object.values(small.template.findResources('AWS::ApiGatewayV2::Api'));
    expect(api?.Properties.CorsConfiguration).toBeUndefined();
  });
});
