import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** True when a conditional write, or a transaction because of one of its conditions, was rejected. */
export const isConditionFailure = (err: unknown): boolean => {
  if (err instanceof ConditionalCheckFailedException) return true;
  if (err instanceof TransactionCanceledException) {
    return (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
};

/**
 * True when a transaction lost to a concurrent one on the same item (DynamoDB cancels it with
 * TransactionConflict) or one of its conditions failed: either way the data changed under us.
 */
export const isLostRace = (err: unknown): boolean =>
  isConditionFailure(err) ||
  (err instanceof TransactionCanceledException &&
    (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'));
