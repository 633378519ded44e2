import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { cdkBundling, NODE_OPTIONS } from '../bundling.js';
import { PROJECT_ROOT } from '../entries.js';

export interface RegistryFunctionProps {
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly memorySizeMb?: number;
  /** Default 10 s, for request handlers; background work sets its own. */
  readonly timeoutSeconds?: number;
  /** X-Ray active tracing (the import worker, which carries Powertools Tracer). */
  readonly tracing?: boolean;
  /** Concurrent executions reserved for the function, which are also its ceiling; absent: none reserved. */
  readonly reservedConcurrency?: number;
}

/**
 * Every Lambda function of the registry: Node.js 22 on arm64, bundled as infra/bundling.ts says,
 * with its own log group and its own role. The role starts empty except for writing to that one
 * log group (instead of AWSLambdaBasicExecutionRole, which may write to any log group); callers
 * add exactly the data access the function needs.
 */
export class RegistryFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: RegistryFunctionProps) {
    // Kept after a teardown (the default removal policy); they expire after the retention period.
    const logs = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description}: logs to its own log group, and its grants`,
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}/package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // More memory is more CPU: a shorter cold start and faster engine runs, for little cost.
      memorySize: props.memorySizeMb ?? 1024,
      // A request is a few store calls (each bounded by the SDK's timeouts) or one engine run: 10 s
      // cuts a stuck one off, logged, well within API Gateway's 30 s integration limit.
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      ...(props.tracing ? { tracing: Tracing.ACTIVE } : {}),
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      // Stack traces name TypeScript lines (the bundles carry source maps).
      environment: { NODE_OPTIONS, ...props.environment },
      bundling: cdkBundling(),
      role,
      logGroup: logs,
    });
    logs.grantWrite(role);
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the registry is built and tested for (esbuild target node22, docs/deploy.md) and ' +
          'a supported Lambda runtime; moving to Node.js 24 is a deliberate upgrade with its own test run.',
      },
    ]);
  }
}
