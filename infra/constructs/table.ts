import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GSI1, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/dynamo/table.js';

/**
 * The registry's single table, built from the same key names as the local store
 * (shared/store/dynamo/table.ts): the system of record, so it outlives the stack.
 */
export class RegistryTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partition, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Idempotency records, import jobs and saved plans (a year, SPEC §4) expire by themselves.
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1.name,
      partitionKey: { name: GSI1.partition, type: AttributeType.STRING },
      sortKey: { name: GSI1.sort, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /** ARNs a least-privilege statement names: the table and each index, no wildcard. */
  get indexArns(): string[] {
    return [`${this.table.tableArn}/index/${GSI1.name}`];
  }
}
