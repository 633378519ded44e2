import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTION_GROUPS, type FunctionGroup, type RouteSpec } from '../../functions/routes.js';
import { writeGroupEntries } from '../entries.js';
import { RegistryFunction } from './registry-function.js';
import type { RegistryTable } from './table.js';

/*
 * What each kind of group may do to the table. TransactWriteItems needs no action of its own: IAM
 * authorises each Put, Update, Delete and ConditionCheck inside a transaction as PutItem,
 * UpdateItem, DeleteItem and ConditionCheckItem. BatchWriteItem stores an import's parts and
 * results. No Scan, ever (STYLE §10).
 */
export const TABLE_ACTIONS = {
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
} as const satisfies Record<'read' | 'write', readonly string[]>;

export interface RouteFunctionsProps {
  readonly routes: readonly RouteSpec[];
  readonly table: RegistryTable;
  /** Keys the HMAC of pagination cursors (functions/http/deps.ts CURSOR_KEY). */
  readonly cursorKey: ISecret;
  readonly logRetention: RetentionDays;
  /** Reserved concurrency by group (infra/config.ts); groups not named reserve none. */
  readonly reservedConcurrency?: Readonly<Partial<Record<FunctionGroup, number>>>;
}

/** One function per FUNCTION_GROUP that serves a route, each granted what its group's access needs. */
export class RouteFunctions extends Construct {
  readonly byGroup: ReadonlyMap<FunctionGroup, RegistryFunction>;

  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    const byGroup = new Map<FunctionGroup, RegistryFunction>();
    for (const [group, entry] of writeGroupEntries(props.routes)) {
      const { access, description } = FUNCTION_GROUPS[group];
      const fn = new RegistryFunction(this, group, {
        entry,
        description: `${group}: ${description}`,
        logRetention: props.logRetention,
        reservedConcurrency: props.reservedConcurrency?.[group],
        environment: {
          TABLE_NAME: props.table.table.tableName,
          // Resolved by CloudFormation at deploy time ({{resolve:secretsmanager:…}}): the template
          // never holds the key, and the function needs no permission to read the secret.
          CURSOR_KEY: props.cursorKey.secretValue.unsafeUnwrap(),
        },
      });
      fn.addToRolePolicy(
        new PolicyStatement({ actions: [...TABLE_ACTIONS[access]], resources: [props.table.table.tableArn] }),
      );
      fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: props.table.indexArns }));
      byGroup.set(group, fn);
    }
    this.byGroup = byGroup;
  }
}
