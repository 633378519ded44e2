import { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import { CHUNK_LEASE_SECONDS } from '../../shared/store/dynamo/import-job-repository.js';
import { synthRegistry, type Synthesized } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

let synth: Synthesized;
beforeAll(() => {
  synth = synthRegistry();
});

const resources = (type: string): Record<string, Resource> =>
  synth.template.findResources(type) as Record<string, Resource>;
const logicalId = (construct: IConstruct): string => {
  const resource = construct.node.defaultChild;
  if (!CfnElement.isCfnElement(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return synth.stack.resolve(resource.logicalId) as string; // a logical id resolves to a string
};
const imports = () => {
  const worker = synth.stack.imports;
  if (!worker) throw new Error('the stack has no import worker');
  return worker;
};
const statementsOf = (construct: IConstruct & { role?: IConstruct }): Statement[] => {
  const roleId = logicalId(construct.role as IConstruct); // every RegistryFunction has its own role
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
};

describe('import jobs in AWS', () => {
  it("queue parts encrypted, over TLS only, with a dead-letter queue after the worker's last delivery", () => {
    const queue = resources('AWS::SQS::Queue')[logicalId(imports().queue)]?.Properties;
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        maxReceiveCount: MAX_DELIVERIES,
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(imports().deadLetters), 'Arn'] },
      },
    });
    const policies = JSON.stringify(resources('AWS::SQS::QueuePolicy'));
    expect(policies).toContain('aws:SecureTransport');
  });

  it('hold a part longer than the worker may run, and redeliver it only after the lease expired', () => {
    const fn = resources('AWS::Lambda::Function')[logicalId(imports().worker)]?.Properties;
    const queue = resources('AWS::SQS::Queue')[logicalId(imports().queue)]?.Properties;
    const timeout = fn?.Timeout as number;
    expect(CHUNK_LEASE_SECONDS).toBeGreaterThan(timeout);
    expect(queue?.VisibilityTimeout as number).toBeGreaterThanOrEqual(Math.max(6 * timeout, CHUNK_LEASE_SECONDS));
    expect(fn).toMatchObject({ TracingConfig: { Mode: 'Active' }, Runtime: 'nodejs22.x' });
  });

  it('feed the worker one part at a time, two workers at most, reporting failed parts one by one', () => {
    const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    expect(mappings).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: logicalId(imports().worker) },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      }),
    ]);
  });

  it('let the upload function send to the queue, and nothing else of SQS', () => {
    const uploads = synth.stack.functions.byGroup.get('imports');
    if (!uploads) throw new Error('no imports function');
    const fn = resources('AWS::Lambda::Function')[logicalId(uploads)]?.Properties;
    expect((fn?.Environment as { Variables: Record<string, unknown> }).Variables.IMPORT_QUEUE_URL).toEqual({
      Ref: logicalId(imports().queue),
    });
    const sqs = statementsOf(uploads).filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(sqs).toHaveLength(1);
    expect(sqs[0]?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(imports().queue), 'Arn'] });
    expect([sqs[0]?.Action].flat().sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
  });

  it('let the worker write the table and read its queue, and trace', () => {
    const actions = statementsOf(imports().worker).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:BatchWriteItem',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'xray:PutTraceSegments',
      ]),
    );
    expect(actions.filter((a) => a.startsWith('dynamodb:') && /Scan|\*/.test(a))).toEqual([]);
  });
});
