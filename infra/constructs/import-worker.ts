import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import { TRIGGER_ENTRIES } from '../entries.js';
import { TABLE_ACTIONS } from './functions.js';
import { RegistryFunction } from './registry-function.js';
import type { RegistryTable } from './table.js';

export interface ImportWorkerProps {
  readonly table: RegistryTable;
  /** The function of POST /institutions/{id}/imports, which queues each upload's parts. */
  readonly uploads: RegistryFunction;
  readonly logRetention: RetentionDays;
}

/** The worker's time limit; the part lease (CHUNK_LEASE_SECONDS, 90 s) outlasts it. */
const WORKER_TIMEOUT_SECONDS = 60;

/**
 * Import jobs in the background: an SQS queue of parts (one message per part of at most 250 rows)
 * and the worker function that writes them, two at a time so an import never crowds out the
 * registry's own traffic on the table. A part that fails MAX_DELIVERIES times marks its job failed
 * and lands in the dead-letter queue for an operator to look at.
 */
export class ImportWorker extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: RegistryFunction;

  constructor(scope: Construct, id: string, props: ImportWorkerProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    NagSuppressions.addResourceSuppressions(this.deadLetters, [
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This is the dead-letter queue of the import parts queue; it has none of its own.',
      },
    ]);
    this.queue = new Queue(this, 'Parts', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(6 * WORKER_TIMEOUT_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_DELIVERIES },
    });

    this.worker = new RegistryFunction(this, 'Worker', {
      entry: TRIGGER_ENTRIES['import-worker'],
      description: 'import-worker: writes the parts of CSV import jobs',
      logRetention: props.logRetention,
      timeoutSeconds: WORKER_TIMEOUT_SECONDS,
      tracing: true,
      environment: { TABLE_NAME: props.table.table.tableName },
    });
    this.worker.addToRolePolicy(
      new PolicyStatement({ actions: [...TABLE_ACTIONS.write], resources: [props.table.table.tableArn] }),
    );
    this.worker.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );
    // The function's own role (RegistryFunction creates it beside the function).
    const role = this.worker.role;
    if (role)
      NagSuppressions.addResourceSuppressions(
        role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
              'permissions, so Lambda\'s tracing grant names "*"; nothing else is granted on a wildcard.',
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );

    props.uploads.addEnvironment('IMPORT_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(props.uploads);
  }
}
